// `npm run screenshots`: the README's pictures, taken against the same throwaway instance as the e2e suite.
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

export default defineConfig({
  ...base,
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "screenshots",
      dependencies: ["setup"],
      testMatch: /readme\.shots\.ts/,
      // Modest, so the committed PNGs stay small.
      use: { viewport: { width: 1280, height: 800 } },
    },
  ],
});
