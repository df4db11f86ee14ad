using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Millwright.Controller.Proofs.Bundles;

/// <summary>
/// The JSON form of proof bundles (docs/verification.md): camelCase, byte strings as "0x" hex, a "format" naming the
/// kind and a "version". Reading checks the shape only; whether the proof holds is the verifier's business.
/// </summary>
internal static partial class ProofBundleJson
{
    public const string FrameFormat = "millwright-frame-proof";
    public const string ConsistencyFormat = "millwright-consistency-proof";
    public const int Version = 1;

    private const long LatestUnixSecond = 253_402_300_799; // 9999-12-31T23:59:59Z

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new HexBytesJsonConverter() },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Serialize(IProofBundle bundle) => JsonSerializer.Serialize(bundle, bundle.GetType(), Options);

    /// <summary>Reads a bundle of either kind; throws <see cref="ProofBundleFormatException"/> saying what is wrong.</summary>
    public static IProofBundle Parse(string json)
    {
        (string format, int version) = ReadHeader(json);
        if (version != Version)
        {
            throw new ProofBundleFormatException($"bundle version {version}: this verifier reads version {Version}");
        }

        IProofBundle bundle = format switch
        {
            FrameFormat => Deserialize<FrameProofBundle>(json),
            ConsistencyFormat => Deserialize<ConsistencyProofBundle>(json),
            _ => throw new ProofBundleFormatException($"\"format\" is '{format}'; expected '{FrameFormat}' or '{ConsistencyFormat}'"),
        };
        CheckAnchors(bundle);
        return bundle;
    }

    private static (string Format, int Version) ReadHeader(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ProofBundleFormatException("a proof bundle is a JSON object");
            }

            string format = root.TryGetProperty("format", out JsonElement f) && f.ValueKind == JsonValueKind.String
                ? f.GetString()!
                : throw new ProofBundleFormatException("a proof bundle has a \"format\" string");
            int version = root.TryGetProperty("version", out JsonElement v) && v.TryGetInt32(out int number)
                ? number
                : throw new ProofBundleFormatException("a proof bundle has a whole-number \"version\"");
            return (format, version);
        }
        catch (JsonException e)
        {
            throw new ProofBundleFormatException($"not JSON: {e.Message}", e);
        }
    }

    private static T Deserialize<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new ProofBundleFormatException("the bundle is null");
        }
        catch (JsonException e)
        {
            string where = e.Path is { } path && !e.Message.Contains(path, StringComparison.Ordinal) ? $" (at {path})" : string.Empty;
            throw new ProofBundleFormatException($"{e.Message}{where}", e);
        }
    }

    private static void CheckAnchors(IProofBundle bundle)
    {
        switch (bundle)
        {
            case FrameProofBundle frame:
                CheckAnchor(frame.Checkpoint.Anchor, "checkpoint.anchor");
                break;
            case ConsistencyProofBundle consistency:
                CheckAnchor(consistency.Old.Anchor, "old.anchor");
                CheckAnchor(consistency.New.Anchor, "new.anchor");
                break;
        }
    }

    private static void CheckAnchor(AnchorRecord? anchor, string where)
    {
        if (anchor is null)
        {
            return;
        }

        string? problem =
            anchor.ChainId <= 0 ? "chainId must be positive" :
            !Address().IsMatch(anchor.ContractAddress) ? "contractAddress is not 0x and 40 hex digits" :
            anchor.TransactionHash is { } tx && !Hash().IsMatch(tx) ? "transactionHash is not 0x and 64 hex digits" :
            anchor.BlockHash is { } block && !Hash().IsMatch(block) ? "blockHash is not 0x and 64 hex digits" :
            anchor.BlockNumber < 0 ? "blockNumber must not be negative" :
            anchor.BlockTime is < 0 or > LatestUnixSecond ? "blockTime is not a Unix time in seconds" :
            null;
        if (problem is not null)
        {
            throw new ProofBundleFormatException($"{where}: {problem}");
        }
    }

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex Address();

    [GeneratedRegex("^0x[0-9a-fA-F]{64}$")]
    private static partial Regex Hash();
}
