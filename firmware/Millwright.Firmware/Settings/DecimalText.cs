namespace Millwright.Firmware.Settings;

/// <summary>
/// Strict decimal parsing for console input: ASCII digits only, no sign, spaces or separators (nanoFramework's
/// int.TryParse is laxer and culture-dependent on some builds).
/// </summary>
public static class DecimalText
{
    /// <summary>Parses 1 to 9 digits (so the value always fits an int); false for anything else.</summary>
    public static bool TryParse(string text, out int value)
    {
        value = 0;
        if (text == null || text.Length == 0 || text.Length > 9)
        {
            return false;
        }

        int result = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < '0' || c > '9')
            {
                return false;
            }

            result = (result * 10) + (c - '0');
        }

        value = result;
        return true;
    }
}
