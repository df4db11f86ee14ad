using Millwright.Controller.Configuration;

namespace Millwright.Controller.Cli.Devices;

/// <summary>
/// Where the `device` verbs find the database: --data-dir, else $MILLWRIGHT_DATA_DIR, else the controller's own
/// configuration key as an environment variable (Millwright__DataDirectory), else the controller's default — so the
/// CLI and `serve` agree without flags in the usual setups.
/// </summary>
internal static class DataDirectoryResolver
{
    public const string EnvironmentVariable = "MILLWRIGHT_DATA_DIR";

    public static string Resolve(string? fromCommandLine, Func<string, string?> environment)
    {
        string? chosen = fromCommandLine;
        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = environment(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = environment(ControllerOptions.Section + "__" + nameof(ControllerOptions.DataDirectory));
        }

        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = new ControllerOptions().DataDirectory;
        }

        return Path.GetFullPath(chosen);
    }
}
