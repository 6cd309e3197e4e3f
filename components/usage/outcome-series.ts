/** Each outcome's label and the theme colour (a CSS variable of globals.css) it is drawn in. */
export const OUTCOME_SERIES = [
  { outcome: "valid", label: "Valid", color: "--success" },
  { outcome: "revoked", label: "Revoked", color: "--danger" },
  { outcome: "expired", label: "Expired", color: "--warning" },
  { outcome: "owner_disabled", label: "Owner disabled", color: "--muted-foreground" },
] as const;
