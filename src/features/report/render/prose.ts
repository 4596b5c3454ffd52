export type ProseBlock = { kind: 'paragraph'; lines: string[] } | { kind: 'list'; items: string[] };

/**
 * Prose as the inspectors typed it: blank lines separate paragraphs, and lines starting "- " or "* " make a
 * bulleted list, as the reports write strengths and areas for improvement.
 */
export function proseBlocks(text: string | null | undefined): ProseBlock[] {
  return (text ?? '')
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map((block): ProseBlock => {
      const lines = block.split('\n').map((l) => l.trim());
      return lines.every((l) => /^[-*•] /.test(l))
        ? { kind: 'list', items: lines.map((l) => l.slice(2)) }
        : { kind: 'paragraph', lines };
    });
}
