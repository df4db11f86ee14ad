using System.Globalization;

namespace Millwright.Controller.Provisioning;

/// <summary>"HOST" or "HOST:PORT" as a technician writes a broker (the command line's --broker, a sheet's broker column).
/// The host's own rules are the node's (docs/firmware.md, Settings): it checks them when the value is staged.</summary>
public static class BrokerAddress
{
    public const int DefaultPort = 1883;

    /// <summary>False with <paramref name="problem"/> saying what was expected.</summary>
    public static bool TryParse(string text, out string host, out int port, out string? problem)
    {
        int colon = text.LastIndexOf(':');
        host = (colon < 0 ? text : text[..colon]).Trim();
        port = DefaultPort;
        problem = null;
        if (colon >= 0 && (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            problem = $"takes HOST or HOST:PORT with a port from 1 to 65535, not '{text[(colon + 1)..]}'";
            return false;
        }

        if (host.Length == 0 || host.Contains(' ', StringComparison.Ordinal))
        {
            problem = "takes HOST or HOST:PORT: the host name is missing or has a space";
            return false;
        }

        return true;
    }
}
