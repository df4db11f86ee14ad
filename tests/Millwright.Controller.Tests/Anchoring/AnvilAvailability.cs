using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Anvil;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>
/// Gets the pinned Anvil (npm ci in controller/contracts when needed, as the controller does). When it cannot be had
/// a test never passes silently: with CI=true it fails, otherwise it prints a loud message and is skipped.
/// </summary>
internal static class AnvilAvailability
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _executable;
    private static string? _failure;

    public static async Task<string> RequireAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_executable is null && _failure is null)
            {
                try
                {
                    _executable = await AnvilInstaller.ResolveAsync(new AnchorOptions(), CancellationToken.None);
                }
                catch (AnvilUnavailableException e)
                {
                    _failure = e.Message;
                }
            }
        }
        finally
        {
            Gate.Release();
        }

        if (_failure is not null)
        {
            Unavailable(_failure);
        }

        return _executable!;
    }

    public static string ContractsFolderPath =>
        ContractsFolder.Find(string.Empty) ?? throw new DirectoryNotFoundException("controller/contracts not found above " + AppContext.BaseDirectory);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Unavailable(string reason)
    {
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail("Anvil (npm @foundry-rs/anvil) could not be had, and CI=true makes that a failure: " + reason);
        }

        string banner = "!!! ANCHORING TEST NOT RUN (skipped; it fails when CI=true): " + reason;
        Console.Error.WriteLine(banner);
        TestContext.Current.SendDiagnosticMessage(banner);
        Assert.Skip(banner);
    }
}
