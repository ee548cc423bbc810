CREATE SEQUENCE "public"."search_document_no" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "doc_no" bigint DEFAULT nextval('search_document_no') NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "search_documents_doc_no_idx" ON "search_documents" USING btree ("doc_no");