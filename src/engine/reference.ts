/**
 * Image references (`localhost:5000/team/app:v1@sha256:…`), checked against docker/distribution's
 * grammar so berth can say what is wrong with a name before the engine answers "invalid reference
 * format". Pure: no engine, no I/O.
 */

export interface ImageReference {
  /** The name without tag or digest, as written: `localhost:5000/team/app`, `busybox`. */
  repository: string;
  tag: string | undefined;
  /** `sha256:` followed by the hex digest, when the reference pins one. */
  digest: string | undefined;
  /** The registry host (and port) when the name starts with one, e.g. `localhost:5000`. */
  domain: string | undefined;
  /** The repository path after the domain: `team/app`, `busybox`. */
  path: string;
}

export type ReferenceResult = ({ ok: true } & ImageReference) | { ok: false; reason: string };

const MAX_NAME_LENGTH = 255;
const MAX_TAG_LENGTH = 128;

// The pieces of distribution's grammar (reference/regexp.go).
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6_HOST = /^\[[a-fA-F0-9:]+\]$/;
const PORT = /^[0-9]+$/;
const TAG = /^[\w][\w.-]*$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
const IMAGE_ID_LIKE = /^[a-f0-9]{64}$/;

/** Why `tag` is not a valid tag, or undefined when it is. */
export function validateTag(tag: string): string | undefined {
  if (tag === '') return 'the tag is empty';
  if (tag.length > MAX_TAG_LENGTH) return `a tag can be at most ${MAX_TAG_LENGTH} characters`;
  if (!TAG.test(tag)) {
    return "a tag may contain only letters, digits, '_', '.' and '-', and cannot start with '.' or '-'";
  }
  return undefined;
}

/** Why `domain` (host with optional port) is not valid, or undefined. */
function validateDomain(domain: string): string | undefined {
  const portAt = domain.startsWith('[') ? domain.indexOf(']:') + 1 : domain.lastIndexOf(':');
  const host = portAt > 0 ? domain.slice(0, portAt) : domain;
  const port = portAt > 0 ? domain.slice(portAt + 1) : undefined;
  if (port !== undefined && !PORT.test(port)) return `the registry port in "${domain}" must be a number`;
  if (IPV6_HOST.test(host)) return undefined;
  if (!host.split('.').every((part) => DOMAIN_COMPONENT.test(part))) {
    return `"${domain}" is not a valid registry host`;
  }
  return undefined;
}

/**
 * Docker treats the first part of a name as a registry host when it contains `.` or `:`, is
 * `localhost`, or has uppercase letters (distribution's splitDockerDomain).
 */
function splitDomain(name: string): { domain: string | undefined; path: string } {
  const slash = name.indexOf('/');
  if (slash === -1) return { domain: undefined, path: name };
  const first = name.slice(0, slash);
  const looksLikeHost = /[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase();
  return looksLikeHost ? { domain: first, path: name.slice(slash + 1) } : { domain: undefined, path: name };
}

function fail(reason: string): ReferenceResult {
  return { ok: false, reason };
}

/** Parses an image reference the way the engine does, with a human reason when it is invalid. */
export function parseReference(text: string): ReferenceResult {
  if (text.trim() === '') return fail('an image reference cannot be empty');
  if (/\s/.test(text)) return fail('an image reference cannot contain spaces');

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (digest === '') return fail("the digest after '@' is empty");
    if (!DIGEST.test(digest) || (digest.startsWith('sha256:') && !SHA256_DIGEST.test(digest))) {
      return fail('a digest must be sha256: followed by 64 lowercase hex digits');
    }
  }

  // A ':' after the last '/' starts the tag; earlier ones belong to a registry port.
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag === '') return fail("the tag after ':' is empty");
    const tagProblem = validateTag(tag);
    if (tagProblem) return fail(tagProblem);
  }

  const repository = rest;
  if (repository === '') return fail('the repository name is missing');
  if (repository.length > MAX_NAME_LENGTH) {
    return fail(`a repository name can be at most ${MAX_NAME_LENGTH} characters`);
  }
  if (IMAGE_ID_LIKE.test(repository)) {
    return fail('a repository name cannot be 64 hex digits: that is the form of an image ID');
  }

  const { domain, path } = splitDomain(repository);
  if (domain !== undefined) {
    const domainProblem = validateDomain(domain);
    if (domainProblem) return fail(domainProblem);
  }
  if (path === '') return fail('the repository name is missing after the registry host');
  if (path !== path.toLowerCase()) return fail('repository names must be lowercase');
  for (const component of path.split('/')) {
    if (component === '') return fail("a repository name cannot have an empty part between '/'");
    if (!PATH_COMPONENT.test(component)) {
      return fail(
        `"${component}" is not a valid name part: use lowercase letters and digits, ` +
          "separated by '.', '_', '__' or '-', starting and ending with a letter or digit",
      );
    }
  }
  return { ok: true, repository, tag, digest, domain, path };
}

/** Parses like parseReference and, as docker does, gives a bare name the tag `latest`. */
export function normaliseReference(text: string): ReferenceResult {
  const parsed = parseReference(text);
  if (!parsed.ok || parsed.tag !== undefined || parsed.digest !== undefined) return parsed;
  return { ...parsed, tag: 'latest' };
}

/** Writes a reference back as text: `repository[:tag][@digest]`. */
export function formatReference(reference: ImageReference): string {
  return (
    reference.repository +
    (reference.tag !== undefined ? `:${reference.tag}` : '') +
    (reference.digest !== undefined ? `@${reference.digest}` : '')
  );
}
