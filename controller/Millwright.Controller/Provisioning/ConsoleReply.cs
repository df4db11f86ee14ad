namespace Millwright.Controller.Provisioning;

/// <summary>A console command's answer: its final "ok …"/"error …" line and any "- …" lines before it.</summary>
public sealed record ConsoleReply(bool Ok, string Text, IReadOnlyList<string> Details)
{
    /// <summary>The key=value pairs of an `info` or `status` answer (values never contain spaces; "none" is empty).</summary>
    public IReadOnlyDictionary<string, string> Pairs()
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string word in Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                string value = word[(equals + 1)..];
                pairs[word[..equals]] = value == "none" ? string.Empty : value;
            }
        }

        return pairs;
    }
}
