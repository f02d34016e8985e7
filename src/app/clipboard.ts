/**
 * Copies text with OSC 52, which most terminals (and tmux with `set-clipboard on`) accept from
 * the program running in them. Inside tmux it is also wrapped for passthrough.
 */
export function osc52(text: string, env: Record<string, string | undefined> = process.env): string {
  const sequence = `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
  if (!env.TMUX) return sequence;
  return `${sequence}\x1bPtmux;${sequence.replace(/\x1b/g, '\x1b\x1b')}\x1b\\`;
}
