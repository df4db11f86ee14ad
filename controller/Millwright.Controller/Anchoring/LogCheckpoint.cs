using System.Text.Json.Serialization;

namespace Millwright.Controller.Anchoring;

/// <summary>
/// A checkpoint of the frame log: its tree size (number of leaves) and RFC 9162 root hash, kept as "0x" and 64
/// lowercase hex digits so that two checkpoints compare equal exactly when size and root do.
/// </summary>
internal sealed record LogCheckpoint
{
    [JsonConstructor]
    public LogCheckpoint(long size, string root)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentNullException.ThrowIfNull(root);
        if (root.Length != 66 || !root.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !IsHex(root.AsSpan(2)))
        {
            throw new ArgumentException("a root is 0x and 64 hex digits", nameof(root));
        }

        Size = size;
        Root = root.ToLowerInvariant();
    }

    public long Size { get; }

    public string Root { get; }

    public static LogCheckpoint FromRoot(long size, ReadOnlySpan<byte> root)
    {
        if (root.Length != 32)
        {
            throw new ArgumentException("a root is 32 bytes", nameof(root));
        }

        return new LogCheckpoint(size, "0x" + Convert.ToHexStringLower(root));
    }

    public byte[] RootBytes() => Convert.FromHexString(Root.AsSpan(2));

    public override string ToString() => $"size {Size} root {Root}";

    private static bool IsHex(ReadOnlySpan<char> digits)
    {
        foreach (char digit in digits)
        {
            if (!char.IsAsciiHexDigit(digit))
            {
                return false;
            }
        }

        return true;
    }
}
