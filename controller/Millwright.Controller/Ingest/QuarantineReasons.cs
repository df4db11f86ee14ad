using System.Text.Json;
using Millwright.Controller.Storage.Records;
using Millwright.Protocol;

namespace Millwright.Controller.Ingest;

/// <summary>The stable names of quarantine reasons (metrics labels, API values), and the reason for a protocol error.</summary>
public static class QuarantineReasons
{
    /// <summary>The kebab-case name: bad-cbor, bad-cose, bad-mac, unknown-device, unknown-key, topic-mismatch,
    /// replay, clock-skew, oversize, disabled, invalid-message, key-retired, bad-topic.</summary>
    public static string Name(QuarantineReason reason) => JsonNamingPolicy.KebabCaseLower.ConvertName(reason.ToString());

    public static bool TryParse(string name, out QuarantineReason reason)
    {
        foreach (QuarantineReason candidate in Enum.GetValues<QuarantineReason>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                reason = candidate;
                return true;
            }
        }

        reason = default;
        return false;
    }

    /// <summary>The reason for an error the protocol library raised while parsing, verifying or decoding.</summary>
    public static QuarantineReason ForProtocolError(ProtocolError error) => error switch
    {
        >= ProtocolError.CborTruncated and <= ProtocolError.CborWriterMisuse => QuarantineReason.BadCbor,
        ProtocolError.CoseMalformed or ProtocolError.CoseUnsupportedAlgorithm => QuarantineReason.BadCose,
        ProtocolError.CoseBadMac => QuarantineReason.BadMac,
        ProtocolError.CoseUnknownKeyId => QuarantineReason.UnknownKey,
        ProtocolError.TopicMalformed => QuarantineReason.BadTopic,
        _ => QuarantineReason.InvalidMessage,
    };
}
