package dev.modelfactory.ledger.log;

import dev.modelfactory.ledger.store.log.StoredEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bundles: a range of log entries with their Merkle batch, as JSON that another workspace verifies offline.
 *
 * <p>Shape: {@code {"format": "modelfactory-ledger-bundle", "version": 1, "entries": [{seq, recordType,
 * typedData (the exact JSON text that was hashed, as a string), signature, signer, createdAt (epoch ms),
 * prevHash, entryHash}], "batch": {firstSeq, lastSeq, root, proofs: [{seq, index, leafCount, entryHash,
 * siblings, siblingOnLeft}]}}}. Import checks every entry hash, signature and link, the root over the
 * entries and every proof, and refuses the whole bundle at the first entry that fails, naming its seq.
 */
public final class Bundles {

    public static final String FORMAT = "modelfactory-ledger-bundle";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Bundles() {
    }

    /** The bundle of entries {@code firstSeq..lastSeq} of {@code log}. */
    public static String export(LedgerLog log, long firstSeq, long lastSeq) {
        MerkleBatch batch = log.batch(firstSeq, lastSeq);
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("version", 1);
        ArrayNode entries = root.putArray("entries");
        for (long seq = firstSeq; seq <= lastSeq; seq++) {
            StoredEntry e = log.entry(seq).orElseThrow();
            entries.addObject().put("seq", e.seq()).put("recordType", e.recordType()).put("typedData", e.typedData())
                    .put("signature", e.signature()).put("signer", e.signer()).put("createdAt", e.createdAt())
                    .put("prevHash", e.prevHash()).put("entryHash", e.entryHash());
        }
        ObjectNode b = root.putObject("batch").put("firstSeq", batch.firstSeq()).put("lastSeq", batch.lastSeq())
                .put("root", batch.root());
        ArrayNode proofs = b.putArray("proofs");
        for (MerkleProof p : batch.proofs()) {
            ObjectNode o = proofs.addObject().put("seq", p.seq()).put("index", p.index()).put("leafCount", p.leafCount())
                    .put("entryHash", p.entryHash());
            p.siblings().forEach(o.putArray("siblings")::add);
            p.siblingOnLeft().forEach(o.putArray("siblingOnLeft")::add);
        }
        return JSON.writeValueAsString(root);
    }

    /**
     * Verifies a bundle completely, without touching the workspace.
     *
     * @return its entries and batch
     * @throws BundleException naming the first entry (by seq) or field that fails
     */
    public static Map.Entry<List<StoredEntry>, MerkleBatch> verify(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new BundleException("the bundle is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !FORMAT.equals(root.path("format").asString("")) || root.path("version").asInt(0) != 1) {
            throw new BundleException("not a ledger bundle: 'format' must be " + FORMAT + " and 'version' 1");
        }
        JsonNode list = root.path("entries");
        if (!list.isArray() || list.isEmpty()) {
            throw new BundleException("bundle field 'entries' is missing or empty");
        }
        List<StoredEntry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode n : list) {
            StoredEntry e = entry(n, i++);
            StoredEntry prev = entries.isEmpty() ? null : entries.getLast();
            List<String> problems = EntryCheck.problems(e, prev == null ? -1 : prev.seq() + 1,
                    prev == null ? null : prev.entryHash());
            if (!problems.isEmpty()) {
                throw new BundleException("bundle entry seq " + e.seq() + " does not verify: " + String.join("; ", problems));
            }
            entries.add(e);
        }
        MerkleBatch batch = MerkleBatch.build(entries.getFirst().seq(), entries.stream().map(StoredEntry::entryHash).toList());
        JsonNode b = root.path("batch");
        if (!batch.root().equals(b.path("root").asString(""))) {
            throw new BundleException("bundle batch root " + b.path("root").asString("(missing)")
                    + " does not match its entries (" + batch.root() + ")");
        }
        JsonNode proofs = b.path("proofs");
        if (!proofs.isArray() || proofs.size() != entries.size()) {
            throw new BundleException("bundle field 'batch.proofs' must hold one proof per entry");
        }
        for (int k = 0; k < entries.size(); k++) {
            StoredEntry e = entries.get(k);
            MerkleProof p = proof(proofs.get(k), e);
            if (!p.verify(batch.root())) {
                throw new BundleException("bundle proof of entry seq " + e.seq() + " does not lead to the batch root");
            }
        }
        return Map.entry(entries, batch);
    }

    /**
     * Verifies a bundle and stores its entries as imported (entries imported before are skipped).
     *
     * @throws BundleException if anything fails; nothing is stored then
     */
    public static ImportResult importBundle(LedgerLog log, String json) {
        Map.Entry<List<StoredEntry>, MerkleBatch> verified = verify(json);
        List<StoredEntry> entries = verified.getKey();
        int added = log.store().addImported(entries, verified.getValue().root(), log.clock().instant());
        return new ImportResult(entries.size(), added, entries.getFirst().seq(), entries.getLast().seq(),
                verified.getValue().root());
    }

    private static StoredEntry entry(JsonNode n, int index) {
        String where = "bundle entries[" + index + "]";
        for (String f : List.of("recordType", "typedData", "signature", "signer", "prevHash", "entryHash")) {
            if (!n.path(f).isString()) {
                throw new BundleException(where + " field '" + f + "' is missing or not a string");
            }
        }
        if (!n.path("seq").canConvertToLong() || !n.path("createdAt").canConvertToLong()) {
            throw new BundleException(where + " fields 'seq' and 'createdAt' must be integers");
        }
        return new StoredEntry(n.path("seq").asLong(), n.path("recordType").stringValue(), n.path("typedData").stringValue(),
                n.path("signature").stringValue(), n.path("signer").stringValue(), n.path("createdAt").asLong(),
                n.path("prevHash").stringValue(), n.path("entryHash").stringValue());
    }

    private static MerkleProof proof(JsonNode n, StoredEntry e) {
        List<String> siblings = new ArrayList<>();
        List<Boolean> sides = new ArrayList<>();
        n.path("siblings").forEach(s -> siblings.add(s.asString("")));
        n.path("siblingOnLeft").forEach(s -> sides.add(s.asBoolean(false)));
        if (n.path("seq").asLong(-1) != e.seq() || !e.entryHash().equals(n.path("entryHash").asString(""))
                || siblings.size() != sides.size()) {
            throw new BundleException("bundle proof of entry seq " + e.seq() + " is malformed or for another entry");
        }
        return new MerkleProof(e.seq(), n.path("index").asInt(-1), n.path("leafCount").asInt(-1), e.entryHash(), siblings, sides);
    }
}
