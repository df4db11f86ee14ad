using System.Security.Cryptography;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;
using Millwright.Protocol.Tests.Cose;
using SysCbor = System.Formats.Cbor;

namespace Millwright.Protocol.Tests.Messages;

/// <summary>
/// The frozen test vectors of docs/protocol.md ("Test vectors"). Inputs: secret 000102…1f, device "press-01",
/// plant "plant-a", the field values of <see cref="TestDevice"/>. The hex below was produced by this library once,
/// checked by decoding it with System.Formats.Cbor and recomputing every MAC with .NET's HMACSHA256 (the
/// independent checks below still do that), and frozen. If a test here fails, the wire format changed: every
/// deployed device and the docs change with it.
/// </summary>
public class ProtocolVectorsTests
{
    public const string DeviceMessageKey = "4859c01b6584b046cfdb1ec876d829383b3ea9edfad546c6bea6ac5362111896";
    public const string ControllerMessageKey = "80e25c471afcf479ed9baa3a5e77e884092c864d29c4f694f202c625b77fea07";
    public const string ConsoleProofKey = "6e06544a5d27985594043eb43704aad680f6e97156f3d30970de63771315335c";
    public const string KeyId = "4bec36775946ed6c";
    public const string MqttPassword = "fa06da22dc20b9e3397941b21221574f";

    public const string SignedFrame =
        "d18443a10105a104484bec36775946ed6c5851a70101026870726573732d3031030304182a051b000647484620400006010786830100f938" +
        "0083021864f94d70830318c8fa42caa666830419012cf9c3008305190190f900008319012c3831fa447d50005820e5fbb1d4973b9d9f07ecbe" +
        "5295b0785ab0b2778349a1851f76ee879acb33518c";

    public const string SignedAck =
        "d18443a10105a104484bec36775946ed6c581aa40103026870726573732d3031051b000647484627e1200b182a582000f0b18b0eaaa1aee573" +
        "aae7cb2e914ba6fc7e0f8ea42d0b011329fa4b9b487d";

    public const string SignedCommand =
        "d18443a10105a104484bec36775946ed6c5821a70104026870726573732d30310c070d1b0006474849b3c7000e020f0310f93a005820a14842" +
        "abbbcd383fdb5658eec107f3da353922f2e4be26528825e603ccedbfef";

    public const string SignedGap =
        "d18443a10105a104484bec36775946ed6c5826a90102026870726573732d3031030304182b051b00064748462f8240060108181e0918290a01" +
        "5820afae7b69b99244f638c2f66088f12945831165b23761cf4d16615640c1c8a602";

    [Fact]
    public void DerivedKeysKeyIdAndMqttPassword()
    {
        var keys = new DeviceKeys(TestDevice.Secret());
        Assert.Equal(DeviceMessageKey, Hex(keys.DeviceMessageKey));
        Assert.Equal(ControllerMessageKey, Hex(keys.ControllerMessageKey));
        Assert.Equal(ConsoleProofKey, Hex(keys.ConsoleProofKey));
        Assert.Equal(KeyId, Hex(keys.KeyId));
        Assert.Equal(MqttPassword, keys.MqttPassword);
    }

    [Fact]
    public void DerivedKeysAreRfc5869Hkdf()
    {
        byte[] salt = "millwright/v1"u8.ToArray();
        byte[] secret = TestDevice.Secret();
        Assert.Equal(DeviceMessageKey, Hex(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt, "mw/v1 device-messages"u8.ToArray())));
        Assert.Equal(ControllerMessageKey, Hex(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt, "mw/v1 controller-messages"u8.ToArray())));
        Assert.Equal(ConsoleProofKey, Hex(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt, "mw/v1 console-proof"u8.ToArray())));
        Assert.Equal(KeyId, Hex(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 8, salt, "mw/v1 key-id"u8.ToArray())));
        Assert.Equal(MqttPassword, Hex(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 16, salt, "mw/v1 mqtt-password"u8.ToArray())));
    }

    [Fact]
    public void SignedSixChannelFrame()
    {
        Assert.Equal(SignedFrame, Hex(TestDevice.Signed(MessageType.Frame)));

        Frame frame = (Frame)VerifyAndDecode(SignedFrame, ControllerSide(), MessageType.Frame);
        Assert.Equal("press-01", frame.DeviceId);
        Assert.Equal(3u, frame.BootCounter);
        Assert.Equal(42UL, frame.Sequence);
        Assert.Equal(1_767_225_600_000_000, frame.TimeMicros);
        Assert.Equal(TimeQuality.Sntp, frame.TimeQuality);
        Assert.Equal([1, 2, 3, 4, 5, 300], frame.ChannelIds[..frame.SampleCount]);
        Assert.Equal([0, 100, 200, 300, 400, -50], frame.OffsetsMicros[..frame.SampleCount]);
        Assert.Equal([0.5f, 21.75f, 101.325f, -3.5f, 0f, 1013.25f], frame.Values[..frame.SampleCount]);
    }

    [Fact]
    public void SignedAckVector()
    {
        Assert.Equal(SignedAck, Hex(TestDevice.Signed(MessageType.Ack)));

        var ack = (Ack)VerifyAndDecode(SignedAck, DeviceSide(), MessageType.Ack);
        Assert.Equal("press-01", ack.DeviceId);
        Assert.Equal(42UL, ack.AckedSequence);
        Assert.Equal(1_767_225_600_500_000, ack.ControllerTimeMicros);
    }

    [Fact]
    public void SignedCommandVector()
    {
        Assert.Equal(SignedCommand, Hex(TestDevice.Signed(MessageType.Command)));

        var command = (Command)VerifyAndDecode(SignedCommand, DeviceSide(), MessageType.Command);
        Assert.Equal("press-01", command.DeviceId);
        Assert.Equal(7UL, command.CommandId);
        Assert.Equal(1_767_225_660_000_000, command.NotAfterMicros);
        Assert.Equal(2, command.ActuatorId);
        Assert.Equal(CommandAction.SetLevel, command.Action);
        Assert.Equal(0.75f, command.Value);
    }

    [Fact]
    public void SignedGapRecordVector()
    {
        Assert.Equal(SignedGap, Hex(TestDevice.Signed(MessageType.Gap)));

        var gap = (GapRecord)VerifyAndDecode(SignedGap, ControllerSide(), MessageType.Gap);
        Assert.Equal("press-01", gap.DeviceId);
        Assert.Equal(3u, gap.BootCounter);
        Assert.Equal(43UL, gap.Sequence);
        Assert.Equal(1_767_225_601_000_000, gap.TimeMicros);
        Assert.Equal(TimeQuality.Sntp, gap.TimeQuality);
        Assert.Equal(30UL, gap.FirstDropped);
        Assert.Equal(41UL, gap.LastDropped);
        Assert.Equal(GapReason.OutboxOverflow, gap.Reason);
    }

    public static TheoryData<string, string, string> IndependentChecks() => new()
    {
        { SignedFrame, DeviceMessageKey, "{1: 1, 2: \"press-01\", 3: 3, 4: 42, 5: 1767225600000000, 6: 1, 7: [[1, 0, 0.5], [2, 100, 21.75], [3, 200, 101.325], [4, 300, -3.5], [5, 400, 0], [300, -50, 1013.25]]}" },
        { SignedAck, ControllerMessageKey, "{1: 3, 2: \"press-01\", 5: 1767225600500000, 11: 42}" },
        { SignedCommand, ControllerMessageKey, "{1: 4, 2: \"press-01\", 12: 7, 13: 1767225660000000, 14: 2, 15: 3, 16: 0.75}" },
        { SignedGap, DeviceMessageKey, "{1: 2, 2: \"press-01\", 3: 3, 4: 43, 5: 1767225601000000, 6: 1, 8: 30, 9: 41, 10: 1}" },
    };

    [Theory]
    [MemberData(nameof(IndependentChecks))]
    public void VectorDecodesAndVerifiesWithSystemFormatsCborAndHmacSha256(string signedHex, string keyHex, string payloadDiagnostic)
    {
        IndependentCose.Parts parts = IndependentCose.Decode(Convert.FromHexString(signedHex));
        Assert.Equal(17UL, parts.Tag);
        Assert.Equal("a10105", Hex(parts.Protected));
        Assert.Equal(KeyId, Hex(parts.KeyId));
        Assert.Equal(
            Hex(HMACSHA256.HashData(Convert.FromHexString(keyHex), IndependentCose.MacStructure(parts.Protected, parts.Payload))),
            Hex(parts.MacTag));
        Assert.Equal(payloadDiagnostic, Diagnostic(new SysCbor.CborReader(parts.Payload, SysCbor.CborConformanceMode.Canonical)));
    }

    [Fact]
    public void DocumentationShowsExactlyTheseVectors()
    {
        // docs/protocol.md §12 prints the hex wrapped over several lines of a code block; unwrap before searching.
        string document = File.ReadAllText(FindRepositoryFile("docs/protocol.md")).Replace("\n", string.Empty, StringComparison.Ordinal);
        foreach (string vector in new[] { DeviceMessageKey, ControllerMessageKey, ConsoleProofKey, KeyId, MqttPassword, SignedFrame, SignedAck, SignedCommand, SignedGap })
        {
            Assert.Contains(vector, document, StringComparison.Ordinal);
        }
    }

    private static string FindRepositoryFile(string relativePath)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relativePath + " not found above " + AppContext.BaseDirectory);
    }

    private static MessageVerifier ControllerSide() =>
        new(Convert.FromHexString(DeviceMessageKey), Convert.FromHexString(KeyId));

    private static MessageVerifier DeviceSide() =>
        new(Convert.FromHexString(ControllerMessageKey), Convert.FromHexString(KeyId));

    private static object VerifyAndDecode(string signedHex, MessageVerifier verifier, MessageType expected)
    {
        byte[] signed = Convert.FromHexString(signedHex);
        Assert.Equal(expected, verifier.Verify(signed, 0, signed.Length));
        return TestDevice.Decode(expected, signed, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    // CBOR diagnostic notation (RFC 8949 §8), enough for our payloads.
    private static string Diagnostic(SysCbor.CborReader reader)
    {
        switch (reader.PeekState())
        {
            case SysCbor.CborReaderState.UnsignedInteger:
                return reader.ReadUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case SysCbor.CborReaderState.NegativeInteger:
                return reader.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case SysCbor.CborReaderState.TextString:
                return "\"" + reader.ReadTextString() + "\"";
            case SysCbor.CborReaderState.HalfPrecisionFloat:
                return ((float)reader.ReadHalf()).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case SysCbor.CborReaderState.SinglePrecisionFloat:
                return reader.ReadSingle().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case SysCbor.CborReaderState.StartArray:
            {
                int count = reader.ReadStartArray()!.Value;
                var items = new List<string>();
                for (int i = 0; i < count; i++)
                {
                    items.Add(Diagnostic(reader));
                }

                reader.ReadEndArray();
                return "[" + string.Join(", ", items) + "]";
            }

            case SysCbor.CborReaderState.StartMap:
            {
                int count = reader.ReadStartMap()!.Value;
                var pairs = new List<string>();
                for (int i = 0; i < count; i++)
                {
                    pairs.Add(Diagnostic(reader) + ": " + Diagnostic(reader));
                }

                reader.ReadEndMap();
                return "{" + string.Join(", ", pairs) + "}";
            }

            default:
                throw new InvalidOperationException("unexpected " + reader.PeekState());
        }
    }
}
