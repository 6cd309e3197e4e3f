// The data table's look (components/data-table) for the page's small static tables, which
// need no sorting or paging and so do not use the generic DataTable.
export const tableWrapper = "overflow-x-auto rounded-lg border";
export const tableClasses = "w-full text-sm";
export const theadClasses = "border-b bg-muted/50 text-left text-xs font-medium text-muted-foreground";
export const thClasses = "h-10 whitespace-nowrap px-3 font-medium";
export const rowClasses = "border-b last:border-b-0";
export const tdClasses = "px-3 py-2.5 align-middle";
