-- Key names sort case-insensitively and naturally (SPEC §4): "alpha, Beta, Zeta", and "key 9" before
-- "key 10". ICU's root locale with numeric ordering (kn) compares letters before case, so case only
-- breaks ties between otherwise equal names. It stays deterministic, so equality, LIKE and ILIKE
-- behave exactly as before. Changing only a text column's collation does not rewrite the table.
CREATE COLLATION IF NOT EXISTS keydesk_natural (provider = icu, locale = 'und-u-kn-true');

ALTER TABLE "api_keys" ALTER COLUMN "name" TYPE TEXT COLLATE keydesk_natural;
