/** The look of every floating list (menus, select options), so they cannot drift apart. */
export const popupClasses = "z-50 rounded-md border bg-card text-sm text-foreground shadow-lg";
