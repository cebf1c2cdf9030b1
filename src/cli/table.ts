/**
 * Plain-text tables for a terminal: left-aligned columns. Long names are cut with an ellipsis to
 * keep the columns readable; the first column (ids people copy, which must stay exact) and the
 * last (the detail, free to run on) never are.
 */

const MAX_CELL = 60

export function renderTable(headers: string[], rows: string[][]): string {
  const cells = [headers, ...rows].map((row) =>
    row.map((cell, col) =>
      col === 0 || col === row.length - 1 ? oneLine(cell) : clip(oneLine(cell)),
    ),
  )
  const widths = headers.map((_, col) => Math.max(...cells.map((row) => row[col]?.length ?? 0)))
  return cells
    .map((row) =>
      row
        .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col])))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `  ${line}`)
    .join('\n')
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ')
}

function clip(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text
}
