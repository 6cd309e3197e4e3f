import { Badge } from "@/components/ui/badge";
import { BUILTIN_FACTORY } from "@/lib/models/model-types";
import type { ModelsByFactory } from "@/lib/models/service";
import { TYPE_LABELS } from "./model-options";
import { rowClasses, tableClasses, tableWrapper, tdClasses, thClasses, theadClasses } from "./table-styles";

const numberFormat = new Intl.NumberFormat("en-US");

/** GET /models as the page shows it: one table per factory, Builtin first (the service's order). */
export function ModelsByFactoryList({ models }: { models: ModelsByFactory }) {
  return (
    <div className="grid gap-6">
      {Object.entries(models).map(([factory, { llm }]) => {
        const headingId = `models-${factory.replace(/[^A-Za-z0-9-]/g, "-")}`;
        return (
          <section
            key={factory}
            aria-labelledby={headingId}
            className="grid gap-2"
            data-testid="factory-models"
            data-factory={factory}
          >
            <h3 id={headingId} className="flex items-center gap-2 text-sm font-semibold">
              {factory}
              {factory === BUILTIN_FACTORY && <Badge>Always available</Badge>}
              <span className="font-normal text-muted-foreground">
                {llm.length} model{llm.length === 1 ? "" : "s"}
              </span>
            </h3>
            {llm.length === 0 ? (
              <p className="text-sm text-muted-foreground">This provider has no models.</p>
            ) : (
              <div className={tableWrapper}>
                <table className={tableClasses}>
                  <caption className="sr-only">{factory} models</caption>
                  <thead className={theadClasses}>
                    <tr>
                      <th scope="col" className={thClasses}>
                        Name
                      </th>
                      <th scope="col" className={thClasses}>
                        Type
                      </th>
                      <th scope="col" className={`${thClasses} text-right`}>
                        Max tokens
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {llm.map((model) => (
                      <tr key={`${model.type}:${model.name}`} className={rowClasses}>
                        <td className={`${tdClasses} font-mono text-xs`}>{model.name}</td>
                        <td className={tdClasses}>{TYPE_LABELS[model.type]}</td>
                        {/* 0 means the limit does not apply (speech-to-text) or the server did not say. */}
                        <td className={`${tdClasses} text-right tabular-nums`}>
                          {model.max_tokens ? (
                            numberFormat.format(model.max_tokens)
                          ) : (
                            <>
                              <span aria-hidden="true" className="text-muted-foreground">
                                —
                              </span>
                              <span className="sr-only">not applicable</span>
                            </>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
