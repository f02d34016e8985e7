/** The environment a program under measurement sees: Ink draws nothing when it thinks it runs in CI. */
export function childEnvironment(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    TERM: 'xterm-256color',
    // No config file of the user's may change what is measured: the defaults are.
    BERTH_CONFIG: undefined,
    XDG_CONFIG_HOME: '/nonexistent/berth-bench',
    ...overrides,
  };
  delete merged.CI;
  delete merged.CONTINUOUS_INTEGRATION;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) {
    if (value !== undefined) env[name] = value;
  }
  return env;
}
