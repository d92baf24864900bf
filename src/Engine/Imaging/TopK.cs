namespace OrleansServe.Engine.Imaging;

/// <summary>Softmax top-k of one row of logits.</summary>
internal static class TopK
{
    public static Prediction[] Select(ReadOnlySpan<float> logits, int k, IReadOnlyList<string> labels)
    {
        k = Math.Clamp(k, 1, logits.Length);
        var max = float.NegativeInfinity;
        foreach (var v in logits)
        {
            max = Math.Max(max, v);
        }
        var sum = 0.0;
        foreach (var v in logits)
        {
            sum += Math.Exp(v - max);
        }

        Span<int> best = stackalloc int[k];
        var count = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            if (count == k && logits[i] <= logits[best[k - 1]])
            {
                continue;
            }
            // Insertion into the small sorted list of the best indices so far (k is a handful).
            var at = count < k ? count++ : k - 1;
            while (at > 0 && logits[best[at - 1]] < logits[i])
            {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }

        var predictions = new Prediction[k];
        for (var j = 0; j < k; j++)
        {
            var index = best[j];
            var label = index < labels.Count ? labels[index] : $"class {index}";
            predictions[j] = new Prediction(index, label, (float)(Math.Exp(logits[index] - max) / sum));
        }
        return predictions;
    }
}
