using System.Security.Cryptography;
using System.Text;
using Millwright.Protocol.Crypto;

namespace Millwright.Protocol.Tests.Crypto;

public class Sha256Tests
{
    // FIPS 180-4 examples (NIST CSRC "Cryptographic Algorithm Validation Program" SHA-256 examples).
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void MatchesNistVectors(string message, string expectedHex)
    {
        byte[] data = Encoding.ASCII.GetBytes(message);
        var digest = new byte[32];
        new Sha256().Hash(data, 0, data.Length, digest, 0);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void MatchesNistMillionA()
    {
        var sha = new Sha256();
        var chunk = Encoding.ASCII.GetBytes(new string('a', 1000));
        for (int i = 0; i < 1000; i++)
        {
            sha.Append(chunk, 0, chunk.Length);
        }

        var digest = new byte[32];
        sha.Finish(digest, 0);
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void MatchesDotNetOnEveryLengthUpTo300BytesInOneAndManyAppends()
    {
        var random = new Random(9162);
        var sha = new Sha256();
        var digest = new byte[32];
        for (int length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            byte[] expected = SHA256.HashData(data);

            sha.Hash(data, 0, length, digest, 0);
            Assert.Equal(expected, digest);

            int position = 0;
            while (position < length)
            {
                int step = Math.Min(length - position, random.Next(1, 80));
                if (step == 1)
                {
                    sha.Append(data[position]);
                }
                else
                {
                    sha.Append(data, position, step);
                }

                position += step;
            }

            sha.Finish(digest, 0);
            Assert.Equal(expected, digest);
        }
    }

    [Fact]
    public void HashesWithoutAllocatingAfterConstruction()
    {
        var sha = new Sha256();
        var data = new byte[200];
        var digest = new byte[32];
        sha.Hash(data, 0, data.Length, digest, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            sha.Hash(data, 0, data.Length, digest, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
