namespace Millwright.Firmware.Settings;

/// <summary>
/// Host syntax for the broker: an RFC 1123 §2.1 host name (labels of letters, digits and '-', 1–63 characters, not
/// starting or ending with '-', at most 253 in all), or a dotted IPv4 address. A name whose last label is all
/// digits must be an IPv4 address (RFC 3696 §2: top-level domains are not numeric), so "10.0.0.300" is refused.
/// </summary>
public static class HostNameRules
{
    public static bool IsValid(string host)
    {
        if (host == null || host.Length == 0 || host.Length > SettingsValidator.MaxHostLength)
        {
            return false;
        }

        int labelStart = 0;
        bool lastLabelNumeric = false;
        for (int i = 0; i <= host.Length; i++)
        {
            if (i < host.Length && host[i] != '.')
            {
                char c = host[i];
                bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!allowed)
                {
                    return false;
                }

                continue;
            }

            int length = i - labelStart;
            if (length < 1 || length > 63 || host[labelStart] == '-' || host[i - 1] == '-')
            {
                return false;
            }

            lastLabelNumeric = IsDigits(host, labelStart, length);
            labelStart = i + 1;
        }

        return !lastLabelNumeric || IsIPv4(host);
    }

    /// <summary>Four decimal octets 0–255 without leading zeros (some resolvers read "010" as octal).</summary>
    public static bool IsIPv4(string host)
    {
        int octets = 0;
        int start = 0;
        for (int i = 0; i <= host.Length; i++)
        {
            if (i < host.Length && host[i] != '.')
            {
                continue;
            }

            int length = i - start;
            if (length < 1 || length > 3 || !IsDigits(host, start, length) || (length > 1 && host[start] == '0'))
            {
                return false;
            }

            int value = 0;
            for (int k = start; k < i; k++)
            {
                value = (value * 10) + (host[k] - '0');
            }

            if (value > 255)
            {
                return false;
            }

            octets++;
            start = i + 1;
        }

        return octets == 4;
    }

    private static bool IsDigits(string text, int start, int length)
    {
        for (int i = start; i < start + length; i++)
        {
            if (text[i] < '0' || text[i] > '9')
            {
                return false;
            }
        }

        return true;
    }
}
