// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

/// @title AttributionRegistry
/// @notice Anchors Merkle roots of ModelFactory ledger batches. The chain only timestamps what is
/// already signed off-chain: a record stays verifiable offline from the record alone; an anchor adds
/// "this batch root existed at block N, submitted by address A".
/// @dev Idempotent by design: the first anchor of a root wins and is never overwritten. Anchoring a
/// root that is already stored succeeds as a cheap no-op (no state change, no event, returns false),
/// so a retried or duplicated transaction never reverts and never rewrites history.
/// No owner, no upgrade path, no funds: nothing to administer.
contract AttributionRegistry {
    /// What the chain knows about one anchored root. blockNumber == 0 means "not anchored"
    /// (no transaction can be mined in the genesis block).
    struct Anchor {
        address submitter;
        uint64 blockNumber;
        uint64 timestamp;
        uint64 firstEntry;
        uint64 lastEntry;
        bytes32 workspaceId;
    }

    mapping(bytes32 => Anchor) private anchors;

    /// Emitted once per root, when it is first anchored.
    event Anchored(
        bytes32 indexed root,
        address indexed submitter,
        bytes32 indexed workspaceId,
        uint64 firstEntry,
        uint64 lastEntry
    );

    /// @notice Anchors a batch root covering ledger entries firstEntry..lastEntry (inclusive).
    /// @return created true when this call stored the root; false when it was already anchored.
    function anchor(bytes32 root, uint64 firstEntry, uint64 lastEntry, bytes32 workspaceId)
        external
        returns (bool created)
    {
        require(root != bytes32(0), "AttributionRegistry: zero root");
        require(firstEntry <= lastEntry, "AttributionRegistry: firstEntry > lastEntry");
        if (anchors[root].blockNumber != 0) {
            return false;
        }
        anchors[root] = Anchor({
            submitter: msg.sender,
            blockNumber: uint64(block.number),
            timestamp: uint64(block.timestamp),
            firstEntry: firstEntry,
            lastEntry: lastEntry,
            workspaceId: workspaceId
        });
        emit Anchored(root, msg.sender, workspaceId, firstEntry, lastEntry);
        return true;
    }

    /// @notice The anchor of a root; found is false (and every other field zero) when it was never anchored.
    function lookup(bytes32 root)
        external
        view
        returns (
            bool found,
            address submitter,
            uint64 blockNumber,
            uint64 timestamp,
            uint64 firstEntry,
            uint64 lastEntry,
            bytes32 workspaceId
        )
    {
        Anchor storage a = anchors[root];
        return (a.blockNumber != 0, a.submitter, a.blockNumber, a.timestamp, a.firstEntry, a.lastEntry, a.workspaceId);
    }
}
