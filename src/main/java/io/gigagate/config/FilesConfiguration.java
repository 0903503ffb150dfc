package io.gigagate.config;

import io.gigagate.camel.ContentAttachmentsProcessor;
import io.gigagate.camel.FileBeans;
import io.gigagate.camel.FilesProcessor;
import io.gigagate.camel.GigaChatFileUploader;
import io.gigagate.files.FileLimits;
import io.gigagate.files.UploadCache;
import io.gigagate.files.UrlDownloader;
import io.gigagate.state.SharedState;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring of images, audio and documents in chat ({@code contentAttachmentsProcessor}) and of
 * /v1/files ({@code filesProcessor}): reads gigagate.files.* and calls {@link FileBeans}, which
 * deploy/camel-k/beans.camel.yaml calls too.
 */
@Configuration(proxyBeanMethods = false)
public class FilesConfiguration {

    @Bean
    FileLimits fileLimits(FilesProperties files) {
        return FileBeans.fileLimits(files.maxImageSize().toBytes(), files.maxAudioSize().toBytes(),
                files.maxTextSize().toBytes(), files.maxImagesPerRequest(), files.maxAudioImageTotalSize().toBytes());
    }

    @Bean(destroyMethod = "close")
    UrlDownloader urlDownloader(FilesProperties files) {
        return FileBeans.urlDownloader(files.allowedHosts(), files.downloadTimeout(), files.maxDownloadSize().toBytes(),
                files.maxRedirects());
    }

    @Bean
    UploadCache uploadCache(SharedState sharedState, FilesProperties files) {
        return FileBeans.uploadCache(sharedState, files.cacheSize(), files.cacheTtl());
    }

    @Bean
    GigaChatFileUploader gigaChatFileUploader(ProducerTemplate template) {
        return FileBeans.gigaChatFileUploader(template);
    }

    @Bean
    ContentAttachmentsProcessor contentAttachmentsProcessor(UrlDownloader downloader, FileLimits limits,
            UploadCache cache, GigaChatFileUploader uploader, Gpt2GigaProperties gpt2giga) {
        return FileBeans.contentAttachmentsProcessor(downloader, limits, cache, uploader, gpt2giga.enableImages());
    }

    @Bean
    FilesProcessor filesProcessor(GigaChatFileUploader uploader, UploadCache cache, FileLimits limits) {
        return FileBeans.filesProcessor(uploader, cache, limits);
    }
}
