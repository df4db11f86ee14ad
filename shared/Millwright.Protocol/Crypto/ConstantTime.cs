namespace Millwright.Protocol.Crypto;

/// <summary>Comparisons whose running time does not depend on where the inputs differ.</summary>
public static class ConstantTime
{
    /// <summary>True when the two ranges hold the same bytes. Time depends only on <paramref name="count"/>.</summary>
    public static bool AreEqual(byte[] left, int leftOffset, byte[] right, int rightOffset, int count)
    {
        if (left == null || right == null || count < 0 ||
            leftOffset < 0 || leftOffset > left.Length - count ||
            rightOffset < 0 || rightOffset > right.Length - count)
        {
            return false;
        }

        int difference = 0;
        for (int i = 0; i < count; i++)
        {
            difference |= left[leftOffset + i] ^ right[rightOffset + i];
        }

        return difference == 0;
    }
}
