import { Badge } from "@/components/ui/badge";
import { BUILTIN_FACTORY } from "@/lib/models/model-types";
import type { ModelsByFactory } from "@/lib/models/service";
import { AddModelForm, RemoveModelButton } from "./model-actions";
import { TYPE_LABELS } from "./model-options";
import { rowClasses, tableClasses, tableWrapper, tdClasses, thClasses, theadClasses } from "./table-styles";

const numberFormat = new Intl.NumberFormat("en-US");

/** GET /models as the page shows it: one table per factory, Builtin first (the service's order). */
export function ModelsByFactoryList({ models }: { models: ModelsByFactory }) {
  return (
    <div className="grid gap-6">
      {Object.entries(models).map(([factory, { llm }]) => {
        const headingId = `models-${factory.replace(/[^A-Za-z0-9-]/g, "-")}`;
        const editable = factory !== BUILTIN_FACTORY;
        return (
          <section
            key={factory}
            aria-labelledby={headingId}
            className="grid min-w-0 gap-2"
            data-testid="factory-models"
            data-factory={factory}
          >
            <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-sm font-semibold">
              {factory}
              {factory === BUILTIN_FACTORY && <Badge>Always available</Badge>}
              <span className="font-normal text-muted-foreground">
                {llm.length} model{llm.length === 1 ? "" : "s"}
              </span>
            </h3>
            {llm.length === 0 ? (
              <p className="text-sm text-muted-foreground">This provider has no models.</p>
            ) : (
              <div className={`relative ${tableWrapper}`}>
                <table className={`${tableClasses} table-fixed`}>
                  <caption className="sr-only">{factory} models</caption>
                  <thead className={theadClasses}>
                    <tr>
                      <th scope="col" className={thClasses}>
                        Name
                      </th>
                      <th scope="col" className={`${thClasses} w-32`}>
                        Type
                      </th>
                      <th scope="col" className={`${thClasses} w-28 text-right`}>
                        Max tokens
                      </th>
                      {editable && (
                        <th scope="col" className={`${thClasses} w-24`}>
                          <span className="sr-only">Actions</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {llm.map((model) => (
                      <tr key={`${model.type}:${model.name}`} className={rowClasses}>
                        <td className={`${tdClasses} break-all font-mono text-xs`}>{model.name}</td>
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
                        {editable && (
                          <td className={`${tdClasses} text-right`}>
                            <RemoveModelButton factory={factory} name={model.name} type={model.type} />
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {editable && <AddModelForm factory={factory} />}
          </section>
        );
      })}
    </div>
  );
}
