using System.Text;
using Nethereum.Util;

namespace Millwright.Controller.Anchoring.Contract;

/// <summary>Names the contract's custom errors in revert data (4-byte selector + ABI arguments).</summary>
internal static class AnchorContractErrors
{
    private static readonly (string Selector, string Signature)[] Known =
        new[] { "NotOwner(address)", "NotAnchorer(address)", "SizeMustGrow(uint64,uint64)", "EmptyRoot()", "ZeroAddress()" }
            .Select(signature => (Selector(signature), signature))
            .ToArray();

    /// <summary>"SizeMustGrow(uint64,uint64) 0x…" for known errors, or the raw data.</summary>
    public static string Describe(string? revertData)
    {
        if (string.IsNullOrEmpty(revertData) || revertData.Length < 10)
        {
            return "no revert data";
        }

        string selector = revertData[..10].ToLowerInvariant();
        foreach ((string known, string signature) in Known)
        {
            if (known == selector)
            {
                return revertData.Length > 10 ? $"{signature} arguments 0x{revertData[10..]}" : signature;
            }
        }

        return "revert data " + revertData;
    }

    private static string Selector(string signature) =>
        "0x" + Convert.ToHexStringLower(Sha3Keccack.Current.CalculateHash(Encoding.ASCII.GetBytes(signature)), 0, 4);
}
