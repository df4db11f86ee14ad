namespace Millwright.Controller.Tests.Proofs;

/// <summary>Changes one byte of a copy: what an attacker or a bit error does to a bundle.</summary>
internal static class Tamper
{
    public static byte[] Flip(byte[] bytes, int index, byte mask = 0x01)
    {
        byte[] copy = [.. bytes];
        copy[index] ^= mask;
        return copy;
    }
}
