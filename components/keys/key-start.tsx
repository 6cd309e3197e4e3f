/** Only the stored start: the secret itself never reaches the table. */
export function KeyStart({ start, folded = false }: { start: string; folded?: boolean }) {
  return (
    <code className="whitespace-nowrap font-mono text-xs" data-testid={folded ? undefined : "key-start"}>
      {start}…
    </code>
  );
}
