/**
 * Plain-text tables for a terminal: left-aligned columns, long cells cut with an ellipsis except
 * in the first column, which holds ids that people copy (they must stay exact).
 */

const MAX_CELL = 60

export function renderTable(headers: string[], rows: string[][], indent = '  '): string {
  const cells = [headers, ...rows].map((row) =>
    row.map((cell, col) => (col === 0 ? oneLine(cell) : clip(oneLine(cell)))),
  )
  const widths = headers.map((_, col) => Math.max(...cells.map((row) => row[col]?.length ?? 0)))
  return cells
    .map((row) =>
      row
        .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col])))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${indent}${line}`)
    .join('\n')
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ')
}

function clip(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text
}
