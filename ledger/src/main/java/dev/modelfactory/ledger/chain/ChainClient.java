package dev.modelfactory.ledger.chain;

import dev.modelfactory.ledger.task.CancellationToken;
import java.math.BigInteger;
import java.security.SignatureException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * A connection to one EVM JSON-RPC endpoint over HTTP, checked to serve the expected chain. Sends
 * transactions end to end: gas estimate (+ margin), fees (EIP-1559 from the base fee, or a legacy gas
 * price), pending nonce, signing through a {@link TransactionSigner}, submission, receipt wait. Every
 * request retries transient transport failures ({@link Retrier}); a nonce taken meanwhile (another
 * wallet on the same account) is re-read and the transaction rebuilt.
 *
 * <p>Not thread-safe for concurrent sends from the same account (nonces would collide); reads are fine.
 */
public final class ChainClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChainClient.class);
    private static final BigInteger DEFAULT_TIP = BigInteger.valueOf(1_000_000_000L); // 1 gwei

    /** A mined, successful transaction with its receipt (logs, contract address). */
    record Mined(SentTransaction transaction, TransactionReceipt receipt) {
    }

    private final RpcSettings settings;
    private final OkHttpClient http;
    private final Web3j web3j;
    private final Retrier retrier;
    private final long chainId;

    private ChainClient(RpcSettings settings, OkHttpClient http, Web3j web3j, Retrier retrier, long chainId) {
        this.settings = settings;
        this.http = http;
        this.web3j = web3j;
        this.retrier = retrier;
        this.chainId = chainId;
    }

    /**
     * Connects and checks the chain id.
     *
     * @throws ChainException UNREACHABLE when the endpoint does not answer ("cannot reach RPC at URL: ..."),
     *                        WRONG_CHAIN when it serves another chain than {@code settings.expectedChainId()}
     */
    public static ChainClient connect(RpcSettings settings) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(settings.httpTimeout())
                .readTimeout(settings.httpTimeout())
                .writeTimeout(settings.httpTimeout())
                .retryOnConnectionFailure(false) // the Retrier decides, with backoff
                .build();
        Web3j web3j = Web3j.build(new HttpService(settings.url(), http));
        Retrier retrier = Retrier.of(settings);
        try {
            EthChainId r = checked(settings, "eth_chainId", retrier.call("eth_chainId", () -> web3j.ethChainId().send()));
            long id = r.getChainId().longValueExact();
            if (id != settings.expectedChainId()) {
                throw new ChainException(ChainException.Reason.WRONG_CHAIN, "wrong chain: RPC at " + settings.displayUrl()
                        + " serves chain id " + id + ", expected " + settings.expectedChainId());
            }
            LOG.info("connected to chain {} at {}", id, settings.displayUrl());
            return new ChainClient(settings, http, web3j, retrier, id);
        } catch (RuntimeException e) {
            release(http);
            throw e;
        }
    }

    public long chainId() {
        return chainId;
    }

    /** The endpoint as messages show it (API keys masked, see {@link RpcSettings#displayUrl()}). */
    public String url() {
        return settings.displayUrl();
    }

    /** The head block's number. */
    public long blockNumber() {
        return latestBlock().getNumber().longValueExact();
    }

    /** The time of block {@code number} as the chain recorded it. */
    public Instant blockTime(long number) {
        EthBlock r = request("eth_getBlockByNumber", () -> web3j
                .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send());
        if (r.getBlock() == null) {
            throw new ChainException(ChainException.Reason.REJECTED, "block " + number + " not found at " + url());
        }
        return Instant.ofEpochSecond(r.getBlock().getTimestamp().longValueExact());
    }

    /** How many transactions {@code address} has sent, counting those still pending (its next nonce). */
    public BigInteger transactionCount(String address) {
        String a = checkAddress(address, "address");
        return request("eth_getTransactionCount", () -> web3j
                .ethGetTransactionCount(a, DefaultBlockParameterName.PENDING).send()).getTransactionCount();
    }

    /** The balance of {@code address} in wei at the latest block (the studio's Wallet page shows it). */
    public BigInteger balance(String address) {
        String a = checkAddress(address, "address");
        return request("eth_getBalance", () -> web3j.ethGetBalance(a, DefaultBlockParameterName.LATEST).send())
                .getBalance();
    }

    /** Whether the head block has a base fee, i.e. the chain takes EIP-1559 transactions. */
    public boolean supportsEip1559() {
        return latestBlock().getBaseFeePerGasRaw() != null;
    }

    /** The code deployed at {@code address} as 0x-hex ("0x" when there is none). */
    public String code(String address) {
        String a = checkAddress(address, "contract address");
        return request("eth_getCode", () -> web3j.ethGetCode(a, DefaultBlockParameterName.LATEST).send()).getCode();
    }

    /** A read-only call at the head block; returns the ABI-encoded result. */
    String call(String to, String data) {
        EthCall r = request("eth_call", () -> web3j.ethCall(
                Transaction.createEthCallTransaction(null, to, data), DefaultBlockParameterName.LATEST).send());
        if (r.isReverted()) {
            throw new ChainException(ChainException.Reason.REJECTED, "call to " + to + " reverted: " + r.getRevertReason());
        }
        return r.getValue();
    }

    /**
     * Sends a transaction (contract creation when {@code to} is null) and waits until it is mined.
     *
     * @throws ChainException REJECTED when the node refuses it or it reverts, TIMEOUT when no receipt
     *                        arrives within the receipt timeout, UNREACHABLE when the endpoint goes away
     */
    Mined send(TransactionSigner signer, String to, String data, CancellationToken cancel) {
        String from = checkAddress(signer.address(), "signer address");
        BigInteger gasLimit = estimateGas(from, to, data);
        TransactionMode type = chooseType();
        for (int attempt = 1; ; attempt++) {
            cancel.throwIfCancellationRequested();
            BigInteger nonce = transactionCount(from);
            RawTransaction raw = build(type, nonce, gasLimit, to, data);
            byte[] signed = sign(raw, type, signer, from);
            Hash32 hash = Hash32.of(Hash.sha3(signed));
            String hex = Numeric.toHexString(signed);
            EthSendTransaction r = retrier.call("eth_sendRawTransaction", () -> web3j.ethSendRawTransaction(hex).send());
            if (r.hasError()) {
                String msg = r.getError().getMessage() == null ? "" : r.getError().getMessage();
                String lower = msg.toLowerCase(Locale.ROOT);
                // Our own bytes seen twice (a retried send whose first try did arrive): the node calls it
                // known, or, once mined, complains about the nonce; either way this hash is the one to wait for.
                boolean ours = lower.contains("already known") || lower.contains("known transaction")
                        || (lower.contains("nonce") && receipt(hash).isPresent());
                if (!ours) {
                    if (lower.contains("nonce") || lower.contains("underpriced")) {
                        if (attempt < settings.maxAttempts()) {
                            LOG.info("nonce {} taken meanwhile ({}); rebuilding the transaction", nonce, msg);
                            continue;
                        }
                    } else if (type == TransactionMode.EIP1559 && settings.mode() == TransactionMode.AUTO
                            && (lower.contains("type") || lower.contains("not supported"))) {
                        LOG.info("node refused an EIP-1559 transaction ({}); falling back to legacy", msg);
                        type = TransactionMode.LEGACY;
                        continue;
                    }
                    throw new ChainException(ChainException.Reason.REJECTED,
                            "RPC at " + url() + " rejected the transaction: " + msg);
                }
            }
            TransactionReceipt receipt = waitForReceipt(hash, cancel);
            long block = receipt.getBlockNumber().longValueExact();
            if (!receipt.isStatusOK()) {
                throw new ChainException(ChainException.Reason.REJECTED,
                        "transaction " + hash + " reverted on chain " + chainId + " in block " + block);
            }
            LOG.info("transaction {} mined in block {} ({} gas, {})", hash, block, receipt.getGasUsed(), type);
            return new Mined(new SentTransaction(hash, block, receipt.getGasUsed(), type, nonce,
                    receipt.getContractAddress()), receipt);
        }
    }

    private BigInteger estimateGas(String from, String to, String data) {
        Transaction tx = to == null
                ? Transaction.createContractTransaction(from, null, null, data)
                : Transaction.createFunctionCallTransaction(from, null, null, null, to, BigInteger.ZERO, data);
        var r = retrier.call("eth_estimateGas", () -> web3j.ethEstimateGas(tx).send());
        if (r.hasError()) {
            throw new ChainException(ChainException.Reason.REJECTED, "the node at " + url()
                    + " will not run the transaction (gas estimate failed): " + r.getError().getMessage());
        }
        BigInteger estimate = r.getAmountUsed();
        return estimate.multiply(BigInteger.valueOf(100L + settings.gasMarginPercent())).divide(BigInteger.valueOf(100));
    }

    private TransactionMode chooseType() {
        return switch (settings.mode()) {
            case LEGACY -> TransactionMode.LEGACY;
            case EIP1559 -> {
                if (!supportsEip1559()) {
                    throw new ChainException(ChainException.Reason.REJECTED, "chain " + chainId + " at " + url()
                            + " has no base fee: it does not take EIP-1559 transactions (use legacy or auto)");
                }
                yield TransactionMode.EIP1559;
            }
            case AUTO -> supportsEip1559() ? TransactionMode.EIP1559 : TransactionMode.LEGACY;
        };
    }

    private RawTransaction build(TransactionMode type, BigInteger nonce, BigInteger gasLimit, String to, String data) {
        String target = to == null ? "" : to;
        if (type == TransactionMode.LEGACY) {
            BigInteger gasPrice = request("eth_gasPrice", () -> web3j.ethGasPrice().send()).getGasPrice();
            return RawTransaction.createTransaction(nonce, gasPrice, gasLimit, target, BigInteger.ZERO, data);
        }
        BigInteger baseFee = latestBlock().getBaseFeePerGas();
        var tipResponse = retrier.call("eth_maxPriorityFeePerGas", () -> web3j.ethMaxPriorityFeePerGas().send());
        BigInteger tip = tipResponse.hasError() ? DEFAULT_TIP : tipResponse.getMaxPriorityFeePerGas();
        BigInteger maxFee = baseFee.multiply(BigInteger.TWO).add(tip); // room for the base fee to rise for a few blocks
        return RawTransaction.createTransaction(chainId, nonce, gasLimit, target, BigInteger.ZERO, data, tip, maxFee);
    }

    /** Signs as web3j's TransactionEncoder.signMessage does, with the digest signed outside. */
    private byte[] sign(RawTransaction raw, TransactionMode type, TransactionSigner signer, String from) {
        byte[] unsigned = type == TransactionMode.LEGACY ? TransactionEncoder.encode(raw, chainId)
                : TransactionEncoder.encode(raw);
        byte[] digest = Hash.sha3(unsigned);
        byte[] sig = signer.signDigest(digest);
        if (sig == null || sig.length != 65) {
            throw new ChainException(ChainException.Reason.BAD_INPUT, "the signer returned "
                    + (sig == null ? "nothing" : sig.length + " bytes") + ", expected a 65-byte r||s||v signature");
        }
        int v = sig[64] & 0xff;
        if (v < 27) {
            v += 27;
        }
        byte[] r = Arrays.copyOfRange(sig, 0, 32);
        byte[] s = Arrays.copyOfRange(sig, 32, 64);
        Sign.SignatureData data = new Sign.SignatureData((byte) v, r, s);
        try {
            String recovered = "0x" + Keys.getAddress(Sign.signedMessageHashToKey(digest, data));
            if (!recovered.equalsIgnoreCase(from)) {
                throw new ChainException(ChainException.Reason.BAD_INPUT, "the signer's signature recovers to "
                        + recovered + ", not to its address " + from + " (wrong key or v convention)");
            }
        } catch (SignatureException | IllegalArgumentException e) {
            throw new ChainException(ChainException.Reason.BAD_INPUT, "the signer returned an invalid signature", e);
        }
        if (type == TransactionMode.LEGACY) {
            data = TransactionEncoder.createEip155SignatureData(data, chainId);
        }
        return TransactionEncoder.encode(raw, data);
    }

    private Optional<TransactionReceipt> receipt(Hash32 hash) {
        return request("eth_getTransactionReceipt", () -> web3j.ethGetTransactionReceipt(hash.hex()).send())
                .getTransactionReceipt();
    }

    private TransactionReceipt waitForReceipt(Hash32 hash, CancellationToken cancel) {
        long deadline = System.nanoTime() + settings.receiptTimeout().toNanos();
        while (true) {
            Optional<TransactionReceipt> r = receipt(hash);
            if (r.isPresent()) {
                return r.get();
            }
            cancel.throwIfCancellationRequested();
            if (System.nanoTime() - deadline > 0) {
                throw new ChainException(ChainException.Reason.TIMEOUT, "transaction " + hash + " was sent to "
                        + url() + " but not mined within " + settings.receiptTimeout().toSeconds()
                        + " s; it may still be mined (anchoring again is harmless)");
            }
            try {
                Thread.sleep(settings.receiptPoll());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainException(ChainException.Reason.TIMEOUT, "interrupted waiting for " + hash, e);
            }
        }
    }

    private EthBlock.Block latestBlock() {
        EthBlock r = request("eth_getBlockByNumber",
                () -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send());
        return r.getBlock();
    }

    private <R extends Response<?>> R request(String what, Retrier.Attempt<R> attempt) {
        return checked(settings, what, retrier.call(what, attempt));
    }

    private static <R extends Response<?>> R checked(RpcSettings settings, String what, R r) {
        if (r.hasError()) {
            throw new ChainException(ChainException.Reason.REJECTED,
                    "RPC at " + settings.displayUrl() + " refused " + what + ": " + r.getError().getMessage());
        }
        return r;
    }

    static String checkAddress(String address, String what) {
        if (address == null || !WalletUtils.isValidAddress(address) || !address.startsWith("0x")) {
            throw new ChainException(ChainException.Reason.BAD_INPUT,
                    what + " must be 0x followed by 40 hex digits, got '" + address + "'");
        }
        return address.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        release(http);
    }

    private static void release(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
