// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title MillwrightAnchor
/// @notice Checkpoints of one Millwright controller's append-only Merkle log (RFC 9162): tree size -> root hash, with
///         the time and number of the block that recorded it. Anyone can read them. Only the anchoring account can
///         add one, and only for a larger tree than the last, so the recorded history can be extended but never
///         rewritten. An auditor checks a frame against a checkpoint with an inclusion proof, and two checkpoints
///         against each other with a consistency proof (RFC 9162 section 2.1).
contract MillwrightAnchor {
    struct Checkpoint {
        bytes32 root;
        uint64 blockTime;
        uint64 blockNumber;
    }

    /// @notice May change the anchorer and hand ownership on.
    address public owner;

    /// @notice The only account that may anchor checkpoints (the controller's key).
    address public anchorer;

    /// @notice Tree size of the newest checkpoint; 0 before the first. Shares a storage slot with `anchorer`.
    uint64 public latestSize;

    mapping(uint64 size => Checkpoint) private checkpoints;

    event CheckpointAnchored(uint64 indexed size, bytes32 root, uint64 previousSize, uint64 blockTime);
    event AnchorerChanged(address indexed previousAnchorer, address indexed newAnchorer);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    error NotOwner(address caller);
    error NotAnchorer(address caller);
    error SizeMustGrow(uint64 size, uint64 latestSize);
    error EmptyRoot();
    error ZeroAddress();

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    constructor(address initialAnchorer) {
        if (initialAnchorer == address(0)) revert ZeroAddress();
        owner = msg.sender;
        anchorer = initialAnchorer;
        emit OwnershipTransferred(address(0), msg.sender);
        emit AnchorerChanged(address(0), initialAnchorer);
    }

    /// @notice Records that the log held `size` leaves with root hash `root`.
    function anchor(uint64 size, bytes32 root) external {
        if (msg.sender != anchorer) revert NotAnchorer(msg.sender);
        uint64 previousSize = latestSize;
        if (size <= previousSize) revert SizeMustGrow(size, previousSize);
        // A non-empty RFC 9162 tree never has an all-zero root; zero marks "no checkpoint" in `checkpoint`.
        if (root == bytes32(0)) revert EmptyRoot();
        checkpoints[size] = Checkpoint(root, uint64(block.timestamp), uint64(block.number));
        latestSize = size;
        emit CheckpointAnchored(size, root, previousSize, uint64(block.timestamp));
    }

    /// @notice The checkpoint for tree size `size`; all zero when none was anchored for that size.
    function checkpoint(uint64 size) external view returns (bytes32 root, uint64 blockTime, uint64 blockNumber) {
        Checkpoint storage found = checkpoints[size];
        return (found.root, found.blockTime, found.blockNumber);
    }

    function setAnchorer(address newAnchorer) external onlyOwner {
        if (newAnchorer == address(0)) revert ZeroAddress();
        emit AnchorerChanged(anchorer, newAnchorer);
        anchorer = newAnchorer;
    }

    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }
}
