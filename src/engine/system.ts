/** Engine-wide questions: is it there, which version, how much does it hold. */
import { type EngineContext, getJson } from './client.js';

export interface EngineVersion {
  version: string;
  apiVersion: string;
  minApiVersion: string;
  os: string;
  arch: string;
  kernelVersion: string;
  goVersion: string;
}

export interface EngineInfo {
  containers: number;
  running: number;
  paused: number;
  stopped: number;
  images: number;
  storageDriver: string;
  cgroupVersion: string;
  name: string;
  rootless: boolean;
}

export async function ping(ctx: EngineContext): Promise<void> {
  await ctx.call('reach the engine', () => ctx.docker.ping());
}

export async function engineVersion(ctx: EngineContext): Promise<EngineVersion> {
  const v = await ctx.call('read the engine version', () =>
    getJson(ctx, '/version', {}, (docker) => docker.version()),
  );
  return {
    version: v.Version,
    apiVersion: v.ApiVersion,
    minApiVersion: v.MinAPIVersion ?? '',
    os: v.Os,
    arch: v.Arch,
    kernelVersion: v.KernelVersion,
    goVersion: v.GoVersion,
  };
}

export async function engineInfo(ctx: EngineContext): Promise<EngineInfo> {
  const info = await ctx.call('read the engine information', () =>
    getJson(ctx, '/info', {}, (docker) => docker.info()),
  );
  const securityOptions: string[] = info.SecurityOptions ?? [];
  return {
    containers: info.Containers,
    running: info.ContainersRunning,
    paused: info.ContainersPaused,
    stopped: info.ContainersStopped,
    images: info.Images,
    storageDriver: info.Driver,
    cgroupVersion: info.CgroupVersion ?? '',
    name: info.Name,
    rootless: securityOptions.some((o) => o.includes('rootless')),
  };
}
