using System.Security.Cryptography;
using Millwright.Protocol;
using Millwright.Protocol.Merkle;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Demo;

/// <summary>
/// `millwright demo` as far as Millwright exists today: a fleet of nodes signs frames, the controller side verifies
/// each one (MAC, key id, device, sequence), refuses a forged and a replayed frame with their reasons, appends every
/// stored frame to an RFC 9162 Merkle log, and proves one reading's inclusion. The MQTT broker, storage, chain and
/// virtual boards join this command as they are built.
/// </summary>
internal static class ProtocolDemo
{
    internal static int Run(DemoOptions options, TextWriter output)
    {
        var random = new Random(options.Seed);
        var nodes = Enumerable.Range(1, options.Devices)
            .Select(i => new SimulatedNode($"press-{i:00}", RandomSecret(random), random))
            .ToArray();
        var verifiers = nodes.ToDictionary(n => n.DeviceId, n => new MessageVerifier(n.Keys.DeviceMessageKey, n.Keys.KeyId));
        var highestStored = nodes.ToDictionary(n => n.DeviceId, _ => 0UL);
        var log = new MerkleTree();
        var stored = new List<byte[]>();
        var rejected = new List<string>();

        output.WriteLine($"millwright demo: {options.Devices} device(s) x {options.FramesPerDevice} frame(s), seed {options.Seed}");
        long time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        byte[]? lastFrame = null;
        for (int tick = 0; tick < options.FramesPerDevice; tick++, time += 1_000_000)
        {
            foreach (var node in nodes)
            {
                byte[] signed = node.NextSignedFrame(time);
                Ingest(node.DeviceId, signed);
                lastFrame = signed;
            }
        }

        // What the controller must refuse: a frame altered in flight, and a genuine frame sent again.
        byte[] forged = (byte[])lastFrame!.Clone();
        forged[forged.Length / 2] ^= 0x01;
        Ingest(nodes[^1].DeviceId, forged);
        Ingest(nodes[^1].DeviceId, lastFrame);

        output.WriteLine($"stored {stored.Count} frame(s); refused {rejected.Count}:");
        rejected.ForEach(reason => output.WriteLine($"  - {reason}"));

        byte[] root = log.GetRoot();
        long leaf = random.NextInt64(log.Size);
        byte[][] proof = log.GetInclusionProof(leaf, log.Size);
        byte[] leafHash = new MerkleHasher().HashLeaf(stored[(int)leaf]);
        bool included = new InclusionProofVerifier().VerifyInclusion(leaf, log.Size, leafHash, proof, root);
        Frame proven = DecodeFrame(stored[(int)leaf]);
        output.WriteLine($"merkle log: {log.Size} leaves, root {Convert.ToHexStringLower(root)}");
        output.WriteLine($"proof for leaf {leaf} ({proven.DeviceId} seq {proven.Sequence}, {proven.SampleCount} readings): " +
                         $"{proof.Length} hashes, {(included ? "verified" : "FAILED")}");
        output.WriteLine($"one signed frame ({stored[0].Length} bytes, COSE_Mac0): {Convert.ToHexStringLower(stored[0])}");
        return included && rejected.Count == 2 ? 0 : 1;

        void Ingest(string deviceId, byte[] signed)
        {
            try
            {
                MessageVerifier verifier = verifiers[deviceId];
                if (verifier.Verify(signed, 0, signed.Length) != MessageType.Frame)
                {
                    rejected.Add($"{deviceId}: not a frame");
                    return;
                }

                Frame frame = DecodeFrame(signed);
                if (frame.DeviceId != deviceId || frame.Sequence <= highestStored[deviceId])
                {
                    rejected.Add($"{deviceId}: replay of sequence {frame.Sequence}");
                    return;
                }

                highestStored[deviceId] = frame.Sequence;
                stored.Add(signed);
                log.Append(signed);
            }
            catch (ProtocolException e)
            {
                rejected.Add($"{deviceId}: {e.Error} ({e.Message})");
            }
        }
    }

    private static Frame DecodeFrame(byte[] signed)
    {
        var message = new Millwright.Protocol.Cose.CoseMac0Message();
        message.Parse(signed, 0, signed.Length);
        return FrameCodec.Decode(signed, message.PayloadOffset, message.PayloadLength);
    }

    private static byte[] RandomSecret(Random random)
    {
        var secret = new byte[32];
        random.NextBytes(secret);
        return secret;
    }
}
