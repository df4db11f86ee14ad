namespace Millwright.Hardware.Virtual.Tests.Infrastructure;

/// <summary>
/// What a test does when a server it needs cannot be had: in CI (CI=true) it fails, so a broken install never passes
/// for green; on a developer's machine it says so loudly and is skipped.
/// </summary>
internal static class RequiredComponent
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Unavailable(string component, string why)
    {
        string message = $"{component} is not available: {why}";
        if (InCi)
        {
            Assert.Fail(message + " (CI=true: a missing component fails the test)");
        }

        System.Console.Error.WriteLine($"!!!!! SKIPPED: {message}");
        Assert.Skip(message);
    }
}
