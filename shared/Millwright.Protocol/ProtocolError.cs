namespace Millwright.Protocol;

/// <summary>Why input was refused. Values are stable: they appear in quarantine records and docs/protocol.md.</summary>
public enum ProtocolError
{
    None = 0,

    // CBOR (RFC 8949)
    CborTruncated = 1,
    CborTrailingBytes = 2,
    CborIndefiniteLength = 3,
    CborNonCanonical = 4,
    CborDuplicateKey = 5,
    CborUnsortedKeys = 6,
    CborIntegerOverflow = 7,
    CborNestingTooDeep = 8,
    CborLengthExceedsInput = 9,
    CborReservedValue = 10,
    CborUnexpectedType = 11,
    CborInvalidUtf8 = 12,
    CborUnsupported = 13,
    CborBufferTooSmall = 14,
    CborWriterMisuse = 15,

    // COSE (RFC 9052)
    CoseMalformed = 20,
    CoseUnsupportedAlgorithm = 21,
    CoseBadMac = 22,
    CoseUnknownKeyId = 23,

    // Message schemas
    MessageMissingField = 30,
    MessageInvalidField = 31,
    MessageWrongType = 32,
    MessageTooLarge = 33,

    // Topics and identifiers
    TopicMalformed = 40,
    InvalidIdentifier = 41,

    // Merkle proofs (RFC 9162)
    MerkleInvalidArgument = 50,
    MerkleProofInvalid = 51,
}
