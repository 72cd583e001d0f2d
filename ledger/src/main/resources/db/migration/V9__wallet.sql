-- V9: the built-in wallet (see ledger.store.wallet and ledger.wallet). Secrets are stored only encrypted,
-- as Web3 Secret Storage v3 keystore JSON (scrypt, standard parameters).

-- One row per account. derivation_index: i of m/44'/60'/0'/0/i for accounts derived from the seed, else NULL.
CREATE TABLE wallet_account (
    address          CHAR(42)                 NOT NULL PRIMARY KEY,
    name             VARCHAR(100)             NOT NULL UNIQUE,
    keystore         CHARACTER VARYING        NOT NULL,
    source           VARCHAR(16)              NOT NULL CHECK (source IN ('mnemonic', 'private-key', 'keystore')),
    derivation_index INTEGER,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The workspace's BIP-39 mnemonic, at most one: its entropy (16 or 32 bytes) encrypted as a keystore v3
-- whose ciphertext is the entropy instead of a private key.
CREATE TABLE wallet_seed (
    id         INTEGER                  NOT NULL PRIMARY KEY CHECK (id = 1),
    keystore   CHARACTER VARYING        NOT NULL,
    word_count INTEGER                  NOT NULL CHECK (word_count IN (12, 24)),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
