import type { ReactNode } from 'react';

export interface Column<T> {
  /** Stable key of the column. */
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The cell that names the row (rendered as <th scope="row">); one column per table. */
  rowHeader?: boolean;
}

/**
 * The web app's one table for lists that are tables: a caption (visually hidden unless shown), column
 * headers, a row header, and a wrapper that scrolls sideways on a narrow screen instead of the page.
 */
export function DataTable<T>({ caption, captionVisible = false, columns, rows, rowKey }: { caption: string; captionVisible?: boolean; columns: ReadonlyArray<Column<T>>; rows: readonly T[]; rowKey: (row: T) => string }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className={captionVisible ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.id} scope="row">
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.id}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
