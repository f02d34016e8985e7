/**
 * Node's process warnings while the full-screen UI runs.
 *
 * Node prints each warning (a deprecation in a dependency, too many listeners on a stream, an
 * experimental API) on stderr, which is the terminal the UI draws on: the text lands over the
 * screen, and since berth sends only the cells that change (src/ui/screen-writer.ts) it would stay
 * there until those cells change or Ctrl-L. While the UI runs, warnings go to the status line
 * instead; Node's own printing is put back when it ends.
 */

/** Routes process warnings to `show` until the returned function is called. */
export function routeProcessWarnings(show: (text: string) => void): () => void {
  // Node's own listener (it prints to stderr), and any other, set aside and put back after.
  const previous = process.listeners('warning');
  for (const listener of previous) process.off('warning', listener);
  const onWarning = (warning: Error) => show(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  return () => {
    process.off('warning', onWarning);
    for (const listener of previous) process.on('warning', listener);
  };
}
