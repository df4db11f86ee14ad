using System.Text;
using Millwright.Protocol.Text;

namespace Millwright.Protocol.Tests.Text;

/// <summary>Our strict UTF-8 (RFC 3629) against System.Text.Encoding.UTF8 with exceptions on invalid data.</summary>
public class Utf8Tests
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Theory]
    [InlineData("", "")]
    [InlineData("a", "61")]
    [InlineData("\u007f", "7f")]
    [InlineData("\u0080", "c280")]
    [InlineData("\u00fc", "c3bc")]
    [InlineData("\u07ff", "dfbf")]
    [InlineData("\u0800", "e0a080")]
    [InlineData("\u6c34", "e6b0b4")]
    [InlineData("\ud7ff", "ed9fbf")]
    [InlineData("\ue000", "ee8080")]
    [InlineData("\uffff", "efbfbf")]
    [InlineData("\ud800\udc00", "f0908080")]
    [InlineData("\ud800\udd51", "f0908591")]
    [InlineData("\udbff\udfff", "f48fbfbf")]
    public void KnownEncodings(string text, string hex)
    {
        byte[] expected = Convert.FromHexString(hex);
        Assert.Equal(expected.Length, Utf8.GetByteCount(text));
        var buffer = new byte[expected.Length + 2];
        Assert.Equal(expected.Length, Utf8.Encode(text, buffer, 1));
        Assert.Equal(expected, buffer[1..^1]);
        Assert.Equal(text.Length, Utf8.GetCharCount(buffer, 1, expected.Length));
        Assert.Equal(text, Utf8.Decode(buffer, 1, expected.Length, text.Length));
    }

    [Fact]
    public void RandomStringsRoundTripLikeEncodingUtf8()
    {
        var random = new Random(3629);
        for (int i = 0; i < 20_000; i++)
        {
            string text = RandomText(random);
            byte[] expected = Strict.GetBytes(text);
            Assert.Equal(expected.Length, Utf8.GetByteCount(text));
            var buffer = new byte[expected.Length + 3];
            Assert.Equal(expected.Length, Utf8.Encode(text, buffer, 3));
            Assert.Equal(expected, buffer[3..]);
            Assert.Equal(text.Length, Utf8.GetCharCount(buffer, 3, expected.Length));
            Assert.Equal(text, Utf8.Decode(buffer, 3, expected.Length, text.Length));
        }
    }

    [Fact]
    public void UnpairedSurrogatesAreRefusedLikeEncodingUtf8()
    {
        var random = new Random(16);
        for (int i = 0; i < 20_000; i++)
        {
            char[] chars = RandomText(random).ToCharArray();
            if (chars.Length > 0 && random.Next(2) == 0)
            {
                chars[random.Next(chars.Length)] = (char)random.Next(0xd800, 0xe000);
            }

            string text = new(chars);
            bool valid = Throws(() => Strict.GetByteCount(text)) == false;
            Assert.Equal(valid, Utf8.GetByteCount(text) >= 0);
        }
    }

    [Theory]
    [InlineData("c080")] // overlong NUL
    [InlineData("c1bf")] // overlong
    [InlineData("e08080")]
    [InlineData("e09fbf")] // overlong U+07FF
    [InlineData("f0808080")]
    [InlineData("f08fbfbf")] // overlong U+FFFF
    [InlineData("eda080")] // U+D800
    [InlineData("edbfbf")] // U+DFFF
    [InlineData("eda080edb080")] // CESU-8 pair
    [InlineData("f4908080")] // U+110000
    [InlineData("f5808080")]
    [InlineData("f7bfbfbf")]
    [InlineData("f888808080")] // five-byte form
    [InlineData("fc8480808080")] // six-byte form
    [InlineData("80")] // lone continuation
    [InlineData("bf")]
    [InlineData("c3")] // cut short
    [InlineData("e6b0")]
    [InlineData("f09085")]
    [InlineData("c328")] // bad continuation
    [InlineData("e628b0")]
    [InlineData("f0902891")]
    [InlineData("fe")]
    [InlineData("ff")]
    [InlineData("61c3")] // valid start, cut at the end
    public void InvalidSequencesAreRefused(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        Assert.True(Throws(() => Strict.GetCharCount(bytes)));
        Assert.Equal(-1, Utf8.GetCharCount(bytes, 0, bytes.Length));
    }

    [Fact]
    public void RandomBytesAreJudgedLikeEncodingUtf8()
    {
        var random = new Random(8259);
        byte[] leads = [0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
        int valid = 0;
        for (int i = 0; i < 40_000; i++)
        {
            var bytes = new byte[random.Next(0, 10)];
            for (int k = 0; k < bytes.Length; k++)
            {
                bytes[k] = random.Next(3) switch
                {
                    0 => leads[random.Next(leads.Length)],
                    1 => (byte)random.Next(0x80, 0xc0),
                    _ => (byte)random.Next(256),
                };
            }

            int ours = Utf8.GetCharCount(bytes, 0, bytes.Length);
            if (Throws(() => Strict.GetCharCount(bytes)))
            {
                Assert.True(ours == -1, Convert.ToHexStringLower(bytes));
                continue;
            }

            valid++;
            Assert.Equal(Strict.GetCharCount(bytes), ours);
            Assert.Equal(Strict.GetString(bytes), Utf8.Decode(bytes, 0, bytes.Length, ours));
        }

        Assert.InRange(valid, 1000, 39_000);
    }

    [Fact]
    public void OnlyTheGivenRangeIsRead()
    {
        byte[] bytes = Convert.FromHexString("ff61e6b0b4ff");
        Assert.Equal(2, Utf8.GetCharCount(bytes, 1, 4));
        Assert.Equal("a\u6c34", Utf8.Decode(bytes, 1, 4, 2));
        Assert.Equal(-1, Utf8.GetCharCount(bytes, 1, 3));
    }

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        int length = random.Next(0, 20);
        for (int i = 0; i < length; i++)
        {
            int codePoint = random.Next(5) switch
            {
                0 => random.Next(0, 0x80),
                1 => random.Next(0x80, 0x800),
                2 => random.Next(0x800, 0xd800),
                3 => random.Next(0xe000, 0x10000),
                _ => random.Next(0x10000, 0x110000),
            };
            builder.Append(char.ConvertFromUtf32(codePoint));
        }

        return builder.ToString();
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
