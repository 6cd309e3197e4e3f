import type { Metadata } from "next";
import { sessionCaller } from "@/lib/auth/caller";
import { requireUser } from "@/lib/auth/session";
import { ADDABLE_FACTORIES, catalogForApi } from "@/lib/models/catalog";
import { getDefaults } from "@/lib/models/defaults";
import { listProviders } from "@/lib/models/providers";
import { listModels } from "@/lib/models/service";
import { AddProviderForm, type FactoryChoice } from "./_components/add-provider-form";
import { DefaultModelsForm } from "./_components/default-models-form";
import { defaultFormValues, defaultOptions } from "./_components/model-options";
import { ModelsByFactoryList } from "./_components/models-by-factory";
import { ProvidersTable } from "./_components/providers-table";
import { Section } from "./_components/section";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  const user = await requireUser();
  const caller = sessionCaller(user);
  // The same services as GET /models/providers, /models and /models/default, so the page and
  // the API cannot disagree about what is configured.
  const [providers, models, defaults] = await Promise.all([
    listProviders(caller),
    listModels(caller, { include_details: true }),
    getDefaults(caller),
  ]);
  // GET /models/factories' description of each factory, without its model list (the form needs
  // its credential fields); Builtin is always there and cannot be added, so the form does not offer it.
  const addable = new Set(ADDABLE_FACTORIES.map((factory) => factory.name));
  const factories: FactoryChoice[] = catalogForApi()
    .filter((factory) => addable.has(factory.name))
    .map(({ models: _models, tags: _tags, ...factory }) => ({
      ...factory,
      configured: providers.some((provider) => provider.factory === factory.name),
    }));
  const options = defaultOptions(models, defaults);
  const values = defaultFormValues(defaults);

  return (
    <div className="grid min-w-0 gap-8">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Models</h1>
        <p className="text-sm text-muted-foreground">
          Connect model providers with their API keys, then choose the default model for each task. Builtin models are
          always available. Provider keys are encrypted at rest and only ever shown masked.
        </p>
      </header>

      <Section id="providers" title="Model providers" description="The providers you have connected.">
        <ProvidersTable providers={providers} />
      </Section>

      <Section
        id="add-provider"
        title="Add a provider"
        description="The credentials are checked with the provider, in its own protocol, before they are saved. Find models asks the server what it serves, so you can pick models and set their types. Adding a configured provider again replaces its credentials and base URL."
      >
        <AddProviderForm factories={factories} />
      </Section>

      <Section
        id="default-models"
        title="Default models"
        description="Used when a request does not name a model. Each list offers Builtin models and those of your providers."
      >
        {/* Remounts when the saved defaults or the offered models change, so the selects always start from the server's truth. */}
        <DefaultModelsForm key={JSON.stringify([values, options])} values={values} options={options} />
      </Section>

      <Section
        id="models"
        title="Available models"
        description="Every model you can use, by factory. Add a model a provider serves that is not listed, or remove one."
      >
        <ModelsByFactoryList models={models} />
      </Section>
    </div>
  );
}
