using System.Reflection;
using System.Reflection.Emit;
using Millwright.Protocol.Cose;
using Millwright.Protocol.Crypto;
using Millwright.Protocol.Tests.Messages;

namespace Millwright.Protocol.Tests.Cose;

/// <summary>What signing and verifying cost: no allocation per message, and a MAC comparison that does not leak timing.</summary>
public class CoseMac0CostTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void SigningAllocatesNothing()
    {
        var signer = new CoseMac0Signer(TestDevice.Keys.DeviceMessageKey, TestDevice.Keys.KeyId);
        var payload = new byte[120];
        var output = new byte[200];
        signer.Sign(payload, 0, payload.Length, output, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            payload[0] = (byte)i;
            signer.Sign(payload, 0, payload.Length, output, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ParsingAndVerifyingAllocateNothing()
    {
        byte[] signed = TestDevice.Signed(Millwright.Protocol.Messages.MessageType.Frame);
        var message = new CoseMac0Message();
        var hmac = new HmacSha256(TestDevice.Keys.DeviceMessageKey);
        byte[] keyId = TestDevice.Keys.KeyId;
        message.Parse(signed, 0, signed.Length);
        Assert.True(message.Verify(hmac));

        int verified = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            message.Parse(signed, 0, signed.Length);
            if (message.KeyIdEquals(keyId) && message.Verify(hmac))
            {
                verified++;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(Iterations, verified);
    }

    [Fact]
    public void FailedVerificationAllocatesNothingEither()
    {
        byte[] signed = TestDevice.Signed(Millwright.Protocol.Messages.MessageType.Frame);
        signed[^1] ^= 1;
        var message = new CoseMac0Message();
        var hmac = new HmacSha256(TestDevice.Keys.DeviceMessageKey);
        message.Parse(signed, 0, signed.Length);
        Assert.False(message.Verify(hmac));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            message.Parse(signed, 0, signed.Length);
            message.Verify(hmac);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(nameof(CoseMac0Message.Verify))]
    [InlineData(nameof(CoseMac0Message.KeyIdEquals))]
    public void ComparisonIsTheConstantTimeOne(string methodName)
    {
        // The IL of the method calls ConstantTime.AreEqual and no other comparison helper.
        MethodInfo method = typeof(CoseMac0Message).GetMethod(methodName)!;
        List<MethodBase> callees = Callees(method);

        MethodInfo constantTime = typeof(ConstantTime).GetMethod(nameof(ConstantTime.AreEqual))!;
        Assert.Contains(constantTime, callees);
        Assert.DoesNotContain(callees, c => c.Name is "SequenceEqual" or "Equals" or "CompareTo" && c.DeclaringType != typeof(ConstantTime));
    }

    [Fact]
    public void ConstantTimeComparisonTouchesEveryByteWhereverTheDifferenceIs()
    {
        // The loop has no early exit: a difference in the first byte and in the last give the same answer after
        // reading all bytes (functional check; the IL test above pins that this function is the one used).
        var left = new byte[32];
        for (int position = 0; position < 32; position++)
        {
            var right = new byte[32];
            right[position] = 0x01;
            Assert.False(ConstantTime.AreEqual(left, 0, right, 0, 32));
        }

        Assert.True(ConstantTime.AreEqual(left, 0, new byte[32], 0, 32));
    }

    private static List<MethodBase> Callees(MethodInfo method)
    {
        byte[] il = method.GetMethodBody()!.GetILAsByteArray()!;
        var oneByte = new Dictionary<short, OpCode>();
        var twoByte = new Dictionary<short, OpCode>();
        foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            (code.Size == 1 ? oneByte : twoByte)[code.Value] = code;
        }

        var callees = new List<MethodBase>();
        int position = 0;
        while (position < il.Length)
        {
            OpCode code = il[position] == 0xfe ? twoByte[(short)(0xfe00 | il[position + 1])] : oneByte[il[position]];
            position += code.Size;
            if (code.OperandType == OperandType.InlineMethod)
            {
                callees.Add(method.Module.ResolveMethod(BitConverter.ToInt32(il, position))!);
            }

            position += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
        }

        return callees;
    }
}
