/** The Anthropic API version the check speaks; Anthropic refuses a call without one. */
export const ANTHROPIC_VERSION = "2023-06-01";
