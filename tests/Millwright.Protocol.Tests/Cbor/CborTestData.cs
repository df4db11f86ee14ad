using Millwright.Protocol.Cbor;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>Small helpers shared by the CBOR tests.</summary>
internal static class CborTestData
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>Writes with a fresh writer into a large buffer and returns the bytes, checking the item is complete.</summary>
    public static string Written(Action<CborWriter> write)
    {
        var writer = new CborWriter(new byte[1024]);
        write(writer);
        Assert.True(writer.IsComplete);
        return Convert.ToHexStringLower(writer.Buffer, writer.Offset, writer.Length);
    }

    /// <summary>The error the reader reports for the document, read by the generic walker.</summary>
    public static ProtocolError ReadError(string hex) => ReadError(Hex(hex));

    public static ProtocolError ReadError(byte[] data) => ErrorOf(() => CborWalker.WalkDocument(new CborReader(data)));

    public static ProtocolError ErrorOf(Action action) => Assert.Throws<ProtocolException>(action).Error;

    /// <summary>Valid documents that exercise every kind of item (RFC 8949 Appendix A, canonical ones).</summary>
    public static readonly string[] ValidDocuments =
    [
        "00", "17", "1818", "18ff", "190100", "19ffff", "1a00010000", "1b0000000100000000", "1bffffffffffffffff",
        "20", "37", "3818", "3903e7", "3bffffffffffffffff",
        "40", "4401020304", "60", "6449455446", "62c3bc", "63e6b0b4", "64f0908591",
        "80", "83010203", "8301820203820405", "98190102030405060708090a0b0c0d0e0f101112131415161718181819",
        "a0", "a201020304", "a30001190100022063e6b0b4", "a2012002a1182040",
        "c11a514b67b0", "c074323031332d30332d32315432303a30343a30305a", "d74401020304", "c249010000000000000000",
        "f4", "f5", "f6", "f7", "f0", "f8ff", "f90000", "f98000", "f93c00", "f97bff", "f90001", "f9c400", "f97c00", "f97e00",
        "fa47c35000", "fa7f7fffff", "82f5a10081f6", "d9d9f7c1a1001a00010000",
    ];
}
