using System.Text;
using Millwright.Firmware.Storage;

namespace Millwright.Firmware.Tests.Outbox;

/// <summary>The outbox's CRC-32 is the standard one (IEEE 802.3 / zlib), computed four bits at a time.</summary>
public class Crc32Tests
{
    [Fact]
    public void CheckValueOfTheCatalogue()
    {
        // CRC RevEng catalogue, CRC-32/ISO-HDLC: check = 0xCBF43926.
        byte[] data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
        Assert.Equal(0u, Crc32.Compute(data, 0, 0));
    }

    [Fact]
    public void MatchesBitwiseReferenceAndIsIncremental()
    {
        var random = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            var data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            uint expected = BitwiseCrc32(data);
            Assert.Equal(expected, Crc32.Compute(data, 0, data.Length));
            int split = data.Length == 0 ? 0 : random.Next(data.Length);
            uint state = Crc32.Update(Crc32.Initial, data, 0, split);
            Assert.Equal(expected, Crc32.Finish(Crc32.Update(state, data, split, data.Length - split)));
        }
    }

    private static uint BitwiseCrc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
