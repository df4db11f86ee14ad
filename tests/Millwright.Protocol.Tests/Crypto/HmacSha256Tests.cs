using System.Security.Cryptography;
using Millwright.Protocol.Crypto;

namespace Millwright.Protocol.Tests.Crypto;

public class HmacSha256Tests
{
    // RFC 4231 §4.2–4.8 (test case 5, a truncated tag, is checked on its first 16 bytes).
    public static TheoryData<string, string, string> Rfc4231Vectors() => new()
    {
        { Repeat("0b", 20), "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        { "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        { Repeat("aa", 20), Repeat("dd", 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        { "0102030405060708090a0b0c0d0e0f10111213141516171819", Repeat("cd", 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
        { Repeat("0c", 20), "546573742057697468205472756e636174696f6e", "a3b6167473100ee06e0c796c2955552b" },
        { Repeat("aa", 131), "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        { Repeat("aa", 131), "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e", "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
    };

    [Theory]
    [MemberData(nameof(Rfc4231Vectors))]
    public void MatchesRfc4231Vectors(string keyHex, string dataHex, string expectedHex)
    {
        byte[] key = Convert.FromHexString(keyHex);
        byte[] data = Convert.FromHexString(dataHex);
        var tag = new byte[32];
        new HmacSha256(key).Compute(data, 0, data.Length, tag, 0);
        Assert.StartsWith(expectedHex, Convert.ToHexStringLower(tag), StringComparison.Ordinal);
    }

    private static string Repeat(string hexByte, int count) => string.Concat(Enumerable.Repeat(hexByte, count));

    [Fact]
    public void MatchesDotNetOnEveryLengthUpTo300BytesAndManyKeyLengths()
    {
        var random = new Random(2104);
        var tag = new byte[32];
        for (int length = 0; length <= 300; length++)
        {
            var key = new byte[random.Next(0, 140)];
            random.NextBytes(key);
            var data = new byte[length];
            random.NextBytes(data);

            var hmac = new HmacSha256(key);
            hmac.Compute(data, 0, length, tag, 0);
            Assert.Equal(HMACSHA256.HashData(key, data), tag);

            // The same instance, reused and fed in pieces, gives the same tag.
            int split = length == 0 ? 0 : random.Next(0, length);
            hmac.Append(data, 0, split);
            hmac.Append(data, split, length - split);
            hmac.Finish(tag, 0);
            Assert.Equal(HMACSHA256.HashData(key, data), tag);
        }
    }

    [Fact]
    public void ComputesWithoutAllocatingAfterConstruction()
    {
        var hmac = new HmacSha256(new byte[32]);
        var data = new byte[150];
        var tag = new byte[32];
        hmac.Compute(data, 0, data.Length, tag, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            hmac.Compute(data, 0, data.Length, tag, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ConstantTimeComparisonFindsEveryDifferenceAndRejectsBadRanges()
    {
        var a = new byte[32];
        var b = new byte[32];
        Assert.True(ConstantTime.AreEqual(a, 0, b, 0, 32));
        for (int i = 0; i < 32; i++)
        {
            b[i] = 1;
            Assert.False(ConstantTime.AreEqual(a, 0, b, 0, 32));
            b[i] = 0;
        }

        Assert.False(ConstantTime.AreEqual(a, 1, b, 0, 32));
        Assert.False(ConstantTime.AreEqual(null!, 0, b, 0, 32));
    }
}
