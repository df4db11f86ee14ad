namespace Millwright.Controller.Tests.Provisioning;

/// <summary>Checks that a text shows a secret in none of the ways a program could print it: hex (either case), base64, base64url.</summary>
internal static class SecretScan
{
    public static void AssertAbsent(string text, byte[] secret, string what = "a secret")
    {
        string base64 = Convert.ToBase64String(secret);
        foreach (string form in new[] { Convert.ToHexStringLower(secret), base64.TrimEnd('='), base64.TrimEnd('=').Replace('+', '-').Replace('/', '_') })
        {
            Assert.False(text.Contains(form, StringComparison.OrdinalIgnoreCase), $"{what} appears in the output ({form[..6]}…)");
        }
    }

    public static void AssertAbsent(string text, string password) =>
        Assert.False(text.Contains(password, StringComparison.Ordinal), "the Wi-Fi password appears in the output");
}
