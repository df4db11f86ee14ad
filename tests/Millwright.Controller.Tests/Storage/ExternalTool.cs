namespace Millwright.Controller.Tests.Storage;

/// <summary>A test that needs a program from the machine: with CI=true a missing one fails the test; otherwise it is
/// skipped with a loud message, never passed silently.</summary>
internal static class ExternalTool
{
    public static string Require(string name, string why)
    {
        string? found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
        if (found is not null)
        {
            return found;
        }

        string message = $"!!! {name} not found on PATH, so this test did not run ({why}); install it (Debian: apt-get install {name})";
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail(message + " — CI=true makes that a failure");
        }

        Console.Error.WriteLine(message);
        TestContext.Current.SendDiagnosticMessage(message);
        Assert.Skip(message);
        return name;
    }
}
