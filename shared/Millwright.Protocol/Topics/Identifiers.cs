namespace Millwright.Protocol.Topics;

/// <summary>
/// Plant and device ids: 1–32 characters of a-z, 0-9, '-' and '_', starting with a letter or digit. Safe in MQTT
/// topics (no '/', '+', '#', '$'), file names, URLs and logs, and never ambiguous in case.
/// </summary>
public static class Identifiers
{
    public const int MaxLength = 32;

    public static bool IsValid(string id)
    {
        if (id == null || id.Length == 0 || id.Length > MaxLength)
        {
            return false;
        }

        for (int i = 0; i < id.Length; i++)
        {
            char c = id[i];
            bool alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && (i == 0 || (c != '-' && c != '_')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="ProtocolException"/> naming the rule when <paramref name="id"/> is not valid.</summary>
    public static void Validate(string id, string what)
    {
        if (!IsValid(id))
        {
            throw new ProtocolException(
                ProtocolError.InvalidIdentifier,
                what + " must be 1-" + MaxLength.ToString() + " characters of a-z, 0-9, '-' or '_', starting with a letter or digit");
        }
    }
}
