using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace RemoteKit.Engine;

/// <summary>
/// A script's <c>Variables</c>: every namespace variable by name. Those the script declared as typed variables are here
/// already; any other is decoded only when the script reads it, so a large array the script never touches stays as bytes.
/// </summary>
internal sealed class NamespaceVariables(EngineNamespace ns, IReadOnlyDictionary<string, object?> declared) : IReadOnlyDictionary<string, object?>
{
    public int Count => ns.Names.Count;

    public IEnumerable<string> Keys => ns.Names;

    public IEnumerable<object?> Values => Keys.Select(k => this[k]);

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The engine namespace has no variable named '{key}'.");

    public bool ContainsKey(string key) => ns.Contains(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (declared.TryGetValue(key, out value))
        {
            return true;
        }

        if (!ns.TryGetEntry(key, out var entry))
        {
            return false;
        }

        var type = entry.Type ?? TypeNames.Resolve(entry.TypeName)
            ?? throw new InvalidOperationException($"The type of variable '{key}' ({entry.TypeName}) is not loaded on this engine.");
        value = ns.GetBoxed(key, type);
        return true;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Keys.Select(k => new KeyValuePair<string, object?>(k, this[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
