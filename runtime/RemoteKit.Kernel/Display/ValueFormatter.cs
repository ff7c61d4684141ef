using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp.Scripting.Hosting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace RemoteKit.Kernel.Display;

/// <summary>
/// How a value shows in a notebook: <c>text/plain</c> as C# Interactive prints it (<c>long[4] { 3125, 3125, 3125, 3125 }</c>),
/// and <c>text/html</c> tables for arrays where a table reads better: an array of numbers or strings, a jagged or
/// two-dimensional array (one row per inner array), and an array of records or tuples (one column per member).
/// </summary>
internal static class ValueFormatter
{
    private const int MaxTableCells = 2000;

    private static readonly PrintOptions Plain = new() { MaximumOutputLength = 8192, MemberDisplayFormat = MemberDisplayFormat.SingleLine };

    private const int MaxMaterialized = 10_000;

    /// <summary>
    /// A value as C# Interactive prints it, with two changes: a tuple shows its items (<c>(int[2] { 5, 5 }, "five")</c>), and
    /// a lazy sequence (a LINQ query, an iterator) shows its items as an array would.
    /// </summary>
    public static string PlainText(object? value) => value switch
    {
        ITuple tuple when value.GetType().Namespace == "System" =>
            "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => PlainText(tuple[i]))) + ")",
        _ => CSharpObjectFormatter.Instance.FormatObject(Materialize(value), Plain),
    };

    /// <summary>A lazy sequence (a LINQ query or an iterator) as an array of its element type; anything else as it is.</summary>
    internal static object? Materialize(object? value)
    {
        if (value is null or Array or string || value is not IEnumerable sequence)
        {
            return value;
        }

        var type = value.GetType();
        var lazy = type.Namespace == "System.Linq" || type.Name.Contains('<', StringComparison.Ordinal) || type.Name.Contains("Iterator", StringComparison.Ordinal);
        if (!lazy)
        {
            return value;
        }

        var element = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0] ?? typeof(object);
        var items = new ArrayList();
        foreach (var item in sequence)
        {
            if (items.Count == MaxMaterialized)
            {
                return value;
            }

            items.Add(item);
        }

        return items.ToArray(element);
    }

    /// <summary>The MIME bundle of a value: always <c>text/plain</c>, and <c>text/html</c> when a table helps.</summary>
    public static JsonObject Bundle(object? value)
    {
        value = Materialize(value);
        var data = new JsonObject { ["text/plain"] = PlainText(value) };
        if (Html(value) is { } html)
        {
            data["text/html"] = html;
        }

        return data;
    }

    /// <summary>An HTML table for arrays that read better as one; <see langword="null"/> for anything else.</summary>
    internal static string? Html(object? value)
    {
        if (value is not Array array)
        {
            return null;
        }

        if (array.Rank == 2)
        {
            var rows = Enumerable.Range(0, array.GetLength(0)).Select(r => Enumerable.Range(0, array.GetLength(1)).Select(c => array.GetValue(r, c)).ToArray()).ToArray();
            return rows.Length * Math.Max(1, array.GetLength(1)) <= MaxTableCells ? Grid(rows, array.GetLength(1)) : null;
        }

        if (array.Rank != 1 || array.Length == 0)
        {
            return null;
        }

        var element = array.GetType().GetElementType()!;
        if (IsScalar(element))
        {
            return array.Length <= 50 ? Grid([array.Cast<object?>().ToArray()], array.Length) : null;
        }

        if (element.IsArray && element.GetArrayRank() == 1 && IsScalar(element.GetElementType()!))
        {
            var rows = array.Cast<Array?>().Select(r => r?.Cast<object?>().ToArray() ?? []).ToArray();
            var columns = rows.Max(r => r.Length);
            return rows.Length * Math.Max(1, columns) <= MaxTableCells ? Grid(rows, columns) : null;
        }

        if (Members(element) is { Count: > 0 } members && array.Length * members.Count <= MaxTableCells)
        {
            return Records(array, members);
        }

        return null;
    }

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
            || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid);
    }

    /// <summary>The columns of a record or tuple element type: a tuple's items, or a record's public properties.</summary>
    private static List<(string Name, Func<object, object?> Get)>? Members(Type type)
    {
        if (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal))
        {
            return type.GetFields().Where(f => f.Name.StartsWith("Item", StringComparison.Ordinal) && IsScalar(f.FieldType))
                .Select(f => (f.Name, (Func<object, object?>)f.GetValue)).ToList();
        }

        var isRecord = type.GetMethod("<Clone>$") is not null || type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null;
        if (!isRecord && !type.IsDefined(typeof(CompilerGeneratedAttribute)))
        {
            return null;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract" && IsScalar(p.PropertyType))
            .Select(p => (p.Name, (Func<object, object?>)p.GetValue))
            .ToList();
        return properties;
    }

    private static string Grid(object?[][] rows, int columns)
    {
        var html = new StringBuilder("<table><thead><tr><th></th>");
        for (var c = 0; c < columns; c++)
        {
            html.Append("<th>").Append(c.ToString(CultureInfo.InvariantCulture)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (var r = 0; r < rows.Length; r++)
        {
            html.Append("<tr><th>").Append(rows.Length == 1 ? "" : r.ToString(CultureInfo.InvariantCulture)).Append("</th>");
            for (var c = 0; c < columns; c++)
            {
                html.Append("<td>").Append(c < rows[r].Length ? Cell(rows[r][c]) : "").Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static string Records(Array array, List<(string Name, Func<object, object?> Get)> members)
    {
        var html = new StringBuilder("<table><thead><tr><th></th>");
        foreach (var (name, _) in members)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(name)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        var i = 0;
        foreach (var item in array)
        {
            html.Append("<tr><th>").Append(i++.ToString(CultureInfo.InvariantCulture)).Append("</th>");
            foreach (var (_, get) in members)
            {
                html.Append("<td>").Append(item is null ? "" : Cell(get(item))).Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static string Cell(object? value) => WebUtility.HtmlEncode(value switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e and not string => PlainText(e),
        _ => value.ToString() ?? "",
    });
}
