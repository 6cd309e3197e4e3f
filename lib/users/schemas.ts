// Shared by the admin forms (zodResolver) and the REST routes, so the browser and the API
// accept exactly the same input. Must stay free of server imports: client components load it.
import { z } from "zod";

export const ROLES = ["ADMIN", "USER"] as const;

export const USER_SORTS = ["created_at", "-created_at", "email", "-email", "last_login_at", "-last_login_at"] as const;

export const PASSWORD_MIN_LENGTH = 12;

// The upper bound keeps a hostile body from making argon2 hash megabytes.
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(1024, "Password is at most 1024 characters");

// Emails are stored lower-case (SPEC §2), so lookups and the unique index agree on case.
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(254, "Email is at most 254 characters"));

export const userNameSchema = z.string().trim().max(100, "Name is at most 100 characters");

const roleSchema = z.enum(ROLES, { error: `Role must be one of ${ROLES.join(", ")}` });

export const pageSchema = z.coerce.number().int().min(1).default(1);
export const perPageSchema = z.coerce.number().int().min(1).max(100).default(20);

export const listUsersQuerySchema = z.strictObject({
  page: pageSchema,
  per_page: perPageSchema,
  q: z.string().trim().max(200).optional(),
  role: roleSchema.optional(),
  // Query strings carry text; only the two spellings a URL would hold are accepted.
  disabled: z
    .enum(["true", "false"], { error: "Use true or false" })
    .transform((value) => value === "true")
    .optional(),
  sort: z.enum(USER_SORTS).default("-created_at"),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const createUserSchema = z.strictObject({
  email: emailSchema,
  name: userNameSchema.default(""),
  password: passwordSchema,
  role: roleSchema.default("USER"),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    name: userNameSchema.optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine(
    (input) => Object.values(input).some((value) => value !== undefined),
    "Give at least one of name, role, disabled or password",
  );
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
